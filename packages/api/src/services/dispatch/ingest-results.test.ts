// Results stored a batch per transaction: every submission gets its own verdict, refused ones change
// nothing, and one result the database cannot take costs the others nothing.
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Job } from "@outpost/contracts";
import { consoleLines, monitorAlertStates, notificationOutbox, requestExecutions, runnerInstances, runners, runs, usageMonths } from "@outpost/db";
import { createCollection, createMonitor, createTestDatabase, type TestDatabase } from "@outpost/db/testing";
import { testSecrets } from "../../testing/caller";
import { failingResult, registerTestInstance, runResult } from "../../testing/run-results";
import { createRunnerTeam } from "../../testing/runner-fixtures";
import { claimRuns } from "./claim-runs";
import { ingestResults, type Submission } from "./ingest-results";
import { createResultBatcher } from "./result-batcher";

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

/** A team with a runner, `count` monitors on it and one claimed run each. */
async function claimedRuns(count: number) {
  const t = await createRunnerTeam(handle);
  const { runner } = await t.as("admin").runner.create({ name: "R", description: "", source: "runner_settings" });
  const collection = await createCollection(handle.db, t.team.id, t.w1.id);
  const monitorIds: string[] = [];
  for (let i = 0; i < count; i++) monitorIds.push((await createMonitor(handle.db, t.team.id, t.w1.id, collection.id, { runnerMode: "manual" })).id);
  await handle.db
    .insert(runs)
    .values(monitorIds.map((monitorId) => ({ teamId: t.team.id, monitorId, runnerId: runner.id, type: "scheduled" as const, scheduledFor: new Date() })));
  const authenticated = { kind: "private" as const, id: runner.id, teamId: t.team.id };
  const instanceId = await registerTestInstance(handle.db, authenticated);
  const jobs: Job[] = [];
  while (jobs.length < count) jobs.push(...(await claimRuns(handle.db, testSecrets, authenticated, { instanceId, max: 16 })));
  const submission = (job: Job, requestCount = 2): Submission => ({
    runner: authenticated,
    runId: job.runId,
    input: { instanceId, leaseId: job.lease.id, result: runResult({ requestCount }) },
  });
  return { t, runner: authenticated, instanceId, jobs, submission };
}

const statusOf = async (runIds: string[]) =>
  (await handle.db.select({ id: runs.id, status: runs.status }).from(runs).where(inArray(runs.id, runIds))).map((r) => r.status);
const usageOf = async (teamId: string) => (await handle.db.select().from(usageMonths).where(eq(usageMonths.teamId, teamId)))[0]?.requestCount ?? 0;

describe("ingesting a batch of results", () => {
  it("gives each submission its own verdict across runners and teams", async () => {
    const a = await claimedRuns(3);
    const b = await claimedRuns(2);
    const [a0, a1, a2] = a.jobs;
    const verdicts = await ingestResults(handle.db, [
      a.submission(a0!, 3),
      b.submission(b.jobs[0]!, 5),
      { ...a.submission(a1!), input: { ...a.submission(a1!).input, leaseId: crypto.randomUUID() } }, // a lease it never had
      { ...a.submission(a2!), input: { ...a.submission(a2!).input, instanceId: crypto.randomUUID() } }, // an unregistered instance
      a.submission(a0!, 3), // the same run again in the same batch
      { ...b.submission(b.jobs[1]!), runner: a.runner }, // another team's run
    ]);

    expect(verdicts.map((v) => (v.ok ? (v.response.duplicate ? "duplicate" : "stored") : (v.error as { code: string }).code))).toEqual([
      "stored",
      "stored",
      "CONFLICT",
      "NOT_FOUND",
      "duplicate",
      "CONFLICT",
    ]);
    expect(await statusOf([a0!.runId, a1!.runId, a2!.runId])).toEqual(expect.arrayContaining(["finished", "running", "running"]));
    expect(await statusOf([b.jobs[0]!.runId, b.jobs[1]!.runId])).toEqual(expect.arrayContaining(["finished", "running"]));
    // Usage counts each stored result once, on its own team.
    expect(await usageOf(a.t.team.id)).toBe(3);
    expect(await usageOf(b.t.team.id)).toBe(5);
  });

  it("stores the others when the database refuses one result of the batch", async () => {
    const s = await claimedRuns(3);
    const [good, bad, alsoGood] = s.jobs.map((job) => s.submission(job));
    // PostgreSQL text cannot hold U+0000 (the gateway refuses it earlier; this checks the fallback).
    bad!.input.result.consoleLines = [{ level: "log", message: "nul \u0000 here", loggedAt: new Date().toISOString() }];
    const verdicts = await ingestResults(handle.db, [good!, bad!, alsoGood!]);

    expect(verdicts.map((v) => v.ok)).toEqual([true, false, true]);
    expect(await statusOf([good!.runId, alsoGood!.runId])).toEqual(["finished", "finished"]);
    expect(await statusOf([bad!.runId])).toEqual(["running"]);
    expect(await handle.db.select().from(consoleLines).where(eq(consoleLines.runId, bad!.runId))).toEqual([]);
    expect(await usageOf(s.t.team.id)).toBe(4);
  });

  it("finishes each run with its own result, and decides a monitor's notifications in the order its runs were scheduled", async () => {
    const t = await createRunnerTeam(handle);
    const collection = await createCollection(handle.db, t.team.id, t.w1.id);
    const monitor = await createMonitor(handle.db, t.team.id, t.w1.id, collection.id, {
      runnerMode: "manual",
      notifications: { recipients: ["oncall@example.com"], stopAfterConsecutiveFailures: 3, webhookUrl: null },
    });
    // Four runs of one monitor, a minute apart (on four runners, as only one may be in flight on
    // each), delivered together as after a cut-off.
    const claimed: Submission[] = [];
    for (const minutesAgo of [4, 3, 2, 1]) {
      const { runner } = await t.as("admin").runner.create({ name: `R${minutesAgo}`, description: "", source: "runner_settings" });
      const scheduledFor = new Date(Date.now() - minutesAgo * 60_000);
      await handle.db.insert(runs).values({ teamId: t.team.id, monitorId: monitor.id, runnerId: runner.id, type: "scheduled", scheduledFor });
      const authenticated = { kind: "private" as const, id: runner.id, teamId: t.team.id };
      const instanceId = await registerTestInstance(handle.db, authenticated);
      const [job] = await claimRuns(handle.db, testSecrets, authenticated, { instanceId, max: 1 });
      claimed.push({ runner: authenticated, runId: job!.runId, input: { instanceId, leaseId: job!.lease.id, result: runResult() } });
    }
    const outcomes = [failingResult(), failingResult({ outcome: "error", errorMessage: "ECONNREFUSED" }), runResult({ requestCount: 4 }), failingResult()];
    claimed.forEach((submission, i) => (submission.input.result = outcomes[i]!));
    // Submitted out of order: the decision follows the schedule, not the order of arrival.
    const verdicts = await ingestResults(handle.db, [2, 0, 3, 1].map((i) => claimed[i]!));
    expect(verdicts.every((v) => v.ok)).toBe(true);

    const stored = await handle.db.select().from(runs).where(eq(runs.monitorId, monitor.id)).orderBy(runs.scheduledFor);
    expect(stored.map((run) => [run.status, run.outcome, run.errorMessage, run.requestCount, run.leaseExpiresAt])).toEqual([
      ["finished", "failure", null, 1, null],
      ["finished", "error", "ECONNREFUSED", 1, null],
      ["finished", "successful", null, 4, null],
      ["finished", "failure", null, 1, null],
    ]);
    expect(stored.map((run) => run.instanceId)).toEqual(claimed.map((submission) => submission.input.instanceId));
    expect(stored.every((run) => run.durationMs === 200 && run.finishedAt !== null)).toBe(true);

    const queued = await handle.db.select().from(notificationOutbox).where(eq(notificationOutbox.monitorId, monitor.id));
    const byRun = (runId: string) => queued.filter((n) => n.runId === runId).map((n) => [n.kind, n.payload.kind === "runner_offline" ? null : n.payload.consecutiveFailures]);
    expect(stored.map((run) => byRun(run.id))).toEqual([[["run_failed", 1]], [["run_failed", 2]], [["run_recovered", 2]], [["run_failed", 1]]]);
    const [state] = await handle.db.select().from(monitorAlertStates).where(eq(monitorAlertStates.monitorId, monitor.id));
    expect(state).toMatchObject({ consecutiveFailures: 1, alerting: true, lastScheduledFor: stored[3]!.scheduledFor });
  });
});

describe("a delivered result", () => {
  it("counts its instance and runner as seen when their last sighting is more than a few seconds old", async () => {
    const s = await claimedRuns(1);
    const minuteAgo = new Date(Date.now() - 60_000);
    await handle.db.update(runnerInstances).set({ lastPingAt: minuteAgo }).where(eq(runnerInstances.id, s.instanceId));
    await handle.db.update(runners).set({ lastSeenAt: minuteAgo }).where(eq(runners.id, s.runner.id));
    expect((await ingestResults(handle.db, [s.submission(s.jobs[0]!)]))[0]!.ok).toBe(true);

    const [instance] = await handle.db.select().from(runnerInstances).where(eq(runnerInstances.id, s.instanceId));
    const [runner] = await handle.db.select().from(runners).where(eq(runners.id, s.runner.id));
    expect(instance!.lastPingAt.getTime()).toBeGreaterThan(minuteAgo.getTime() + 50_000);
    expect(runner!.lastSeenAt!.getTime()).toBeGreaterThan(minuteAgo.getTime() + 50_000);
  });
});

describe("the result batcher", () => {
  it("stores concurrent submissions exactly once, a repeat of one in flight as a duplicate", async () => {
    const s = await claimedRuns(30);
    const batcher = createResultBatcher(async () => handle.db, { maxConcurrent: 1 });
    const first = s.submission(s.jobs[0]!);
    const answers = await Promise.all([...s.jobs.map((job) => batcher.submit(s.runner, job.runId, s.submission(job).input)), batcher.submit(s.runner, first.runId, first.input)]);

    // The repeat of the first run, sent while it was being stored, is a duplicate, never a second store.
    expect(answers.filter((answer) => !answer.duplicate)).toHaveLength(30);
    expect(answers.at(-1)).toEqual({ accepted: true, duplicate: true });
    expect(await statusOf(s.jobs.map((job) => job.runId))).toEqual(Array(30).fill("finished"));
    const executions = await handle.db.select().from(requestExecutions).where(inArray(requestExecutions.runId, s.jobs.map((job) => job.runId)));
    expect(executions).toHaveLength(30 * runResult().executions.length);
    expect(await usageOf(s.t.team.id)).toBe(60);
  });
});
