import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertions, consoleLines, monitors, requestExecutions, runs, usageMonths } from "@outpost/db";
import { createCollection, createTestDatabase, type TestDatabase } from "@outpost/db/testing";
import type { RunResult } from "@outpost/contracts";
import { testSecrets } from "../../testing/caller";
import { createRunnerTeam } from "../../testing/runner-fixtures";
import { claimRuns } from "./claim-runs";
import { registerInstance } from "./register-instance";
import { releaseClaims } from "./release-claims";
import { renewLease } from "./renew-lease";
import type { AuthenticatedRunner } from "./runner-identity";
import { usageMonth } from "../usage/period";
import { submitResult } from "./submit-result";
import { sweepRuns } from "./sweep";

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

/** A registered instance of the runner under test. */
async function registered(runner: AuthenticatedRunner) {
  const instanceId = crypto.randomUUID();
  await registerInstance(handle.db, runner, { instanceId, hostname: "edge", os: "linux", runnerVersion: "0.1.0" });
  return instanceId;
}

/** A team with one runner and `count` monitors on it, each with a queued manual run. */
async function queued(count: number) {
  const t = await createRunnerTeam(handle);
  const { runner } = await t.as("admin").runner.create({ name: "R", description: "", source: "runner_settings" });
  const collection = await createCollection(handle.db, t.team.id, t.w1.id);
  const environment = await t.as("admin").environment.create({
    workspaceId: t.w1.id,
    name: "Prod",
    variables: [
      { key: "baseUrl", value: "http://127.0.0.1:9", secret: false },
      { key: "token", value: "s3cr3t", secret: true },
    ],
  });
  for (let i = 0; i < count; i++) {
    const { id } = await t.as("admin").monitor.create({
      workspaceId: t.w1.id,
      name: `M${i}`,
      collectionId: collection.id,
      environmentId: environment.id,
      schedule: { kind: "interval", minutes: 60 },
      runners: { mode: "manual", runnerIds: [runner.id] },
    });
    await t.as("admin").monitor.runNow({ workspaceId: t.w1.id, monitorId: id });
  }
  return { ...t, runner: { kind: "private" as const, id: runner.id, teamId: t.team.id } };
}

const result = (overrides: Partial<RunResult> = {}): RunResult => ({
  outcome: "failure",
  errorMessage: null,
  startedAt: new Date(Date.now() - 300).toISOString(),
  finishedAt: new Date().toISOString(),
  requestCount: 3,
  executions: [
    {
      position: 0,
      requestName: "Health",
      method: "GET",
      url: "http://127.0.0.1:9/health",
      statusCode: 500,
      responseTimeMs: 12,
      responseSizeBytes: 20,
      error: null,
      assertions: [
        { name: "Status code is 200", passed: false, errorMessage: "expected response to have status code 200 but got 500" },
        { name: "Responds", passed: true, errorMessage: null },
      ],
    },
  ],
  consoleLines: [{ level: "log", message: "hello from the test script", loggedAt: new Date().toISOString() }],
  ...overrides,
});

describe("dispatching runs to runner instances", () => {
  it("hands a queued run to one instance with its collection and decrypted environment", async () => {
    const t = await queued(1);
    const id = await registered(t.runner);
    const [job, ...rest] = await claimRuns(handle.db, testSecrets, t.runner, { instanceId: id, max: 4 });
    expect(rest).toEqual([]);
    expect(job).toMatchObject({
      attempt: 1,
      monitor: { name: "M0" },
      collection: { info: { name: expect.any(String) } },
      environment: [
        { key: "baseUrl", value: "http://127.0.0.1:9", secret: false },
        { key: "token", value: "s3cr3t", secret: true },
      ],
      options: { retriesOnFailure: 0, followRedirects: true },
    });
    expect(await claimRuns(handle.db, testSecrets, t.runner, { instanceId: await registered(t.runner), max: 4 })).toEqual([]);
    // Another runner of the same team gets nothing of this runner's queue.
    const created = await t.as("admin").runner.create({ name: "Other", description: "", source: "runner_settings" });
    const other = { kind: "private" as const, id: created.runner.id, teamId: t.team.id };
    expect(await claimRuns(handle.db, testSecrets, other, { instanceId: await registered(other), max: 4 })).toEqual([]);
    // An instance must register before it claims, and only for its own runner.
    await expect(claimRuns(handle.db, testSecrets, other, { instanceId: id, max: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("never hands one run to two instances claiming at the same time", async () => {
    const t = await queued(50);
    const instances = [await registered(t.runner), await registered(t.runner)];
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) => claimRuns(handle.db, testSecrets, t.runner, { instanceId: instances[i % 2]!, max: 3 })),
    );
    let more = claims.flat();
    while (true) {
      const next = await claimRuns(handle.db, testSecrets, t.runner, { instanceId: instances[0]!, max: 16 });
      if (next.length === 0) break;
      more = more.concat(next);
    }
    const ids = more.map((job) => job.runId);
    expect(ids).toHaveLength(50);
    expect(new Set(ids).size).toBe(50);
  });

  it("stores a result once, with executions, assertions, console lines and usage", async () => {
    const t = await queued(1);
    const id = await registered(t.runner);
    const [job] = await claimRuns(handle.db, testSecrets, t.runner, { instanceId: id, max: 1 });
    const lease = await renewLease(handle.db, t.runner, job!.runId, { instanceId: id, leaseId: job!.lease.id });
    expect(new Date(lease.expiresAt).getTime()).toBeGreaterThanOrEqual(new Date(job!.lease.expiresAt).getTime());

    const submission = { instanceId: id, leaseId: job!.lease.id, result: result() };
    expect(await submitResult(handle.db, t.runner, job!.runId, submission)).toEqual({ accepted: true, duplicate: false });
    expect(await submitResult(handle.db, t.runner, job!.runId, submission)).toEqual({ accepted: true, duplicate: true });

    const [run] = await handle.db.select().from(runs).where(eq(runs.id, job!.runId));
    expect(run).toMatchObject({ status: "finished", outcome: "failure", requestCount: 3 });
    const executions = await handle.db.select().from(requestExecutions).where(eq(requestExecutions.runId, job!.runId));
    expect(executions).toMatchObject([{ statusCode: 500, requestName: "Health" }]);
    const stored = await handle.db.select().from(assertions).where(eq(assertions.runId, job!.runId));
    expect(stored.map((a) => [a.name, a.passed])).toEqual(
      expect.arrayContaining([
        ["Status code is 200", false],
        ["Responds", true],
      ]),
    );
    expect(await handle.db.select().from(consoleLines).where(eq(consoleLines.runId, job!.runId))).toMatchObject([
      { level: "log", message: "hello from the test script" },
    ]);
    // Counted once, although submitted twice.
    const [usage] = await handle.db.select().from(usageMonths).where(eq(usageMonths.teamId, t.team.id));
    expect(usage).toMatchObject({ month: usageMonth(new Date()), requestCount: 3 });

    await expect(
      submitResult(handle.db, t.runner, job!.runId, { ...submission, leaseId: crypto.randomUUID() }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(renewLease(handle.db, t.runner, job!.runId, { instanceId: id, leaseId: job!.lease.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("hands a lapsed run back once, then ends it as runner lost", async () => {
    const t = await queued(1);
    const lapse = (runId: string) =>
      handle.db.update(runs).set({ leaseExpiresAt: sql`now() - interval '1 second'` }).where(eq(runs.id, runId));
    const [a, b] = [await registered(t.runner), await registered(t.runner)];
    const [first] = await claimRuns(handle.db, testSecrets, t.runner, { instanceId: a, max: 1 });
    await lapse(first!.runId);
    expect((await sweepRuns(handle.db)).requeued.map((r) => r.id)).toContain(first!.runId);

    const [second] = await claimRuns(handle.db, testSecrets, t.runner, { instanceId: b, max: 1 });
    expect(second).toMatchObject({ runId: first!.runId, attempt: 2 });
    expect(second!.lease.id).not.toBe(first!.lease.id);
    // The first instance's late result is refused: the run is no longer its.
    await expect(
      submitResult(handle.db, t.runner, first!.runId, { instanceId: a, leaseId: first!.lease.id, result: result() }),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    await lapse(first!.runId);
    await sweepRuns(handle.db);
    const [run] = await handle.db.select().from(runs).where(eq(runs.id, first!.runId));
    expect(run).toMatchObject({ status: "finished", outcome: "error", errorMessage: "Error: runner lost" });
    // The second instance's late result is refused too, not taken for a repeat of a delivered one.
    await expect(
      submitResult(handle.db, t.runner, first!.runId, { instanceId: b, leaseId: second!.lease.id, result: result() }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("puts a claim nobody heard of back in the queue as it was", async () => {
    const t = await queued(1);
    const instanceId = await registered(t.runner);
    const jobs = await claimRuns(handle.db, testSecrets, t.runner, { instanceId, max: 1 });
    expect((await releaseClaims(handle.db, t.runner, jobs)).map((r) => r.id)).toEqual([jobs[0]!.runId]);
    const [run] = await handle.db.select().from(runs).where(eq(runs.id, jobs[0]!.runId));
    expect(run).toMatchObject({ status: "queued", attempt: 0, instanceId: null, leaseId: null, startedAt: null });
    // Claimed again, it is a first attempt.
    const [again] = await claimRuns(handle.db, testSecrets, t.runner, { instanceId, max: 1 });
    expect(again).toMatchObject({ runId: jobs[0]!.runId, attempt: 1 });
  });

  it("ends a run nobody claimed in time as an error", async () => {
    const t = await queued(1);
    const [run] = await handle.db.select().from(runs).innerJoin(monitors, eq(monitors.id, runs.monitorId)).where(eq(monitors.teamId, t.team.id));
    await handle.db.update(runs).set({ queuedAt: sql`now() - interval '7 minutes'` }).where(eq(runs.id, run!.runs.id));
    await sweepRuns(handle.db);
    const [after] = await handle.db.select().from(runs).where(eq(runs.id, run!.runs.id));
    expect(after).toMatchObject({ status: "finished", outcome: "error", errorMessage: "Error: no runner picked up this run" });
  });
});
