// Many results of one team arriving at once, as a large fleet delivers them: every one is stored
// whole, the team's usage meter adds up exactly, and each monitor's notification decision holds.
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertions, monitorAlertStates, monitors, notificationOutbox, runs, usageMonths } from "@outpost/db";
import { createCollection, createMonitor, createTestDatabase, type TestDatabase } from "@outpost/db/testing";
import { createRunnerTeam } from "../../testing/runner-fixtures";
import { failingResult, registerTestInstance, runResult } from "../../testing/run-results";
import { testSecrets } from "../../testing/caller";
import { claimRuns } from "./claim-runs";
import { submitResult } from "./submit-result";

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

const MONITORS = 12;

/** One team, one runner, MONITORS monitors on it that notify, each with one run queued. */
async function setup() {
  const t = await createRunnerTeam(handle);
  const { runner } = await t.as("admin").runner.create({ name: "R", description: "", source: "runner_settings" });
  const collection = await createCollection(handle.db, t.team.id, t.w1.id);
  const ids: string[] = [];
  for (let i = 0; i < MONITORS; i++) {
    const monitor = await createMonitor(handle.db, t.team.id, t.w1.id, collection.id, {
      runnerMode: "manual",
      notifications: { recipients: ["oncall@example.test"], stopAfterConsecutiveFailures: 3, webhookUrl: null },
    });
    ids.push(monitor.id);
  }
  const authenticated = { kind: "private" as const, id: runner.id, teamId: t.team.id };
  return { t, ids, runner: authenticated, instanceId: await registerTestInstance(handle.db, authenticated) };
}

async function queueAndClaim(setupResult: Awaited<ReturnType<typeof setup>>) {
  const { t, ids, runner, instanceId } = setupResult;
  await handle.db.insert(runs).values(ids.map((monitorId) => ({ teamId: t.team.id, monitorId, runnerId: runner.id, type: "scheduled" as const, scheduledFor: new Date() })));
  const jobs = [];
  while (jobs.length < ids.length) jobs.push(...(await claimRuns(handle.db, testSecrets, runner, { instanceId, max: 16 })));
  return jobs;
}

describe("results submitted concurrently", () => {
  it("are all stored, the usage meter adds up, and each monitor's alert state is right", async () => {
    const s = await setup();
    // Round 1: every third monitor fails; round 2: all succeed (recoveries for those).
    for (const round of [1, 2]) {
      const jobs = await queueAndClaim(s);
      const failing = (monitorId: string) => round === 1 && s.ids.indexOf(monitorId) % 3 === 0;
      const answers = await Promise.all(
        jobs.map((job) =>
          submitResult(handle.db, s.runner, job.runId, {
            instanceId: s.instanceId,
            leaseId: job.lease.id,
            result: failing(job.monitor.id) ? failingResult({ requestCount: 3 }) : runResult({ requestCount: 2 }),
          }),
        ),
      );
      expect(answers.every((answer) => answer.accepted && !answer.duplicate)).toBe(true);
    }

    const finished = await handle.db.select().from(runs).where(inArray(runs.monitorId, s.ids));
    expect(finished.filter((run) => run.status !== "finished")).toEqual([]);
    expect(finished).toHaveLength(2 * MONITORS);
    const stored = await handle.db.select().from(assertions).where(inArray(assertions.runId, finished.map((run) => run.id)));
    const failures = s.ids.filter((_, i) => i % 3 === 0).length;
    // A failing result has two tests, a passing one a single test.
    expect(stored).toHaveLength(failures * 2 + (MONITORS - failures) + MONITORS);

    const [usage] = await handle.db.select().from(usageMonths).where(eq(usageMonths.teamId, s.t.team.id));
    expect(usage!.requestCount).toBe(failures * 3 + (MONITORS - failures) * 2 + MONITORS * 2);

    const states = await handle.db.select().from(monitorAlertStates).where(inArray(monitorAlertStates.monitorId, s.ids));
    expect(states).toHaveLength(MONITORS);
    expect(states.filter((state) => state.consecutiveFailures !== 0 || state.alerting)).toEqual([]);
    const outbox = await handle.db
      .select({ kind: notificationOutbox.kind, monitorId: notificationOutbox.monitorId })
      .from(notificationOutbox)
      .innerJoin(monitors, eq(monitors.id, notificationOutbox.monitorId))
      .where(and(eq(monitors.teamId, s.t.team.id)));
    expect(outbox.filter((row) => row.kind === "run_failed")).toHaveLength(failures);
    expect(outbox.filter((row) => row.kind === "run_recovered")).toHaveLength(failures);
  });
});
