// A runner cut off from the console for longer than a lease finishes its run meanwhile: the sweeper
// hands the run back to the queue, and the result arrives later with the lapsed lease.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestExecutions, runs, usageMonths } from "@outpost/db";
import { createTestDatabase, type TestDatabase } from "@outpost/db/testing";
import { testSecrets } from "../../testing/caller";
import { createRunnerWithMonitor } from "../../testing/runner-fixtures";
import { registerTestInstance, runResult } from "../../testing/run-results";
import { claimRuns } from "./claim-runs";
import { submitResult } from "./submit-result";
import { sweepRuns } from "./sweep";

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

/** A runner with one queued run and two registered instances. */
async function setup() {
  const t = await createRunnerWithMonitor(handle);
  await t.as("admin").monitor.runNow({ workspaceId: t.w1.id, monitorId: t.monitor.id });
  const authenticated = { kind: "private" as const, id: t.runner.id, teamId: t.team.id };
  return {
    t,
    runner: authenticated,
    a: await registerTestInstance(handle.db, authenticated),
    b: await registerTestInstance(handle.db, authenticated),
  };
}

const lapse = (runId: string) => handle.db.update(runs).set({ leaseExpiresAt: sql`now() - interval '1 second'` }).where(eq(runs.id, runId));
const rowOf = async (runId: string) => (await handle.db.select().from(runs).where(eq(runs.id, runId)))[0]!;

describe("a result delivered after its lease lapsed", () => {
  it("is taken while nobody claimed the run again, and the run is not executed twice", async () => {
    const { t, runner, a, b } = await setup();
    const [job] = await claimRuns(handle.db, testSecrets, runner, { instanceId: a, max: 1 });
    await lapse(job!.runId);
    expect((await sweepRuns(handle.db)).requeued.map((run) => run.id)).toEqual([job!.runId]);
    expect(await rowOf(job!.runId)).toMatchObject({ status: "queued", attempt: 1, instanceId: null });

    const submission = { instanceId: a, leaseId: job!.lease.id, result: runResult() };
    expect(await submitResult(handle.db, runner, job!.runId, submission)).toEqual({ accepted: true, duplicate: false });
    expect(await rowOf(job!.runId)).toMatchObject({ status: "finished", outcome: "successful", attempt: 1, instanceId: a, leaseExpiresAt: null });
    // Delivered again (the answer was lost): the same answer, nothing stored twice.
    expect(await submitResult(handle.db, runner, job!.runId, submission)).toEqual({ accepted: true, duplicate: true });
    expect(await handle.db.select().from(requestExecutions).where(eq(requestExecutions.runId, job!.runId))).toHaveLength(1);
    const [usage] = await handle.db.select().from(usageMonths).where(eq(usageMonths.teamId, t.team.id));
    expect(usage!.requestCount).toBe(1);
    // Finished, it is no longer in the queue for another instance.
    expect(await claimRuns(handle.db, testSecrets, runner, { instanceId: b, max: 1 })).toEqual([]);
  });

  it("is refused once another instance claimed the run", async () => {
    const { runner, a, b } = await setup();
    const [first] = await claimRuns(handle.db, testSecrets, runner, { instanceId: a, max: 1 });
    await lapse(first!.runId);
    await sweepRuns(handle.db);
    const [second] = await claimRuns(handle.db, testSecrets, runner, { instanceId: b, max: 1 });
    expect(second).toMatchObject({ runId: first!.runId, attempt: 2 });
    await expect(
      submitResult(handle.db, runner, first!.runId, { instanceId: a, leaseId: first!.lease.id, result: runResult() }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await rowOf(first!.runId)).toMatchObject({ status: "running", instanceId: b, leaseId: second!.lease.id });
  });

  it("is refused once the requeued run ended as not picked up", async () => {
    const { runner, a } = await setup();
    const [job] = await claimRuns(handle.db, testSecrets, runner, { instanceId: a, max: 1 });
    await lapse(job!.runId);
    await sweepRuns(handle.db);
    // Queued past QUEUE_TIMEOUT_MS.
    await handle.db.update(runs).set({ queuedAt: sql`now() - interval '1 hour'` }).where(eq(runs.id, job!.runId));
    expect(await sweepRuns(handle.db)).toMatchObject({ unclaimed: 1 });
    await expect(
      submitResult(handle.db, runner, job!.runId, { instanceId: a, leaseId: job!.lease.id, result: runResult() }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await rowOf(job!.runId)).toMatchObject({ status: "finished", outcome: "error", leaseId: null });
  });
});
