// Scenario 2: the console process goes away (SIGTERM, then SIGKILL) while runners hold runs
// mid-request and finish others with nobody to take the result. A new console on the same database
// and port must end up with every result stored exactly once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { until } from "../test-support/until";
import { createFaultWorld, outboxFiles, type FaultWorld } from "./support/fault-world";
import { auditRuns } from "./support/run-audit";

const RUNS_PER_RESTART = 6;
let world: FaultWorld;
const paths = new Map<string, string>();

beforeAll(async () => {
  world = await createFaultWorld("restart");
});
afterAll(async () => {
  await world?.close();
});

describe("console restarts", () => {
  it("loses and doubles no result across a SIGTERM and a SIGKILL of the console", async () => {
    const startedAt = Date.now();
    // Two instances with room for every run: all of them are held by a runner when the console goes.
    const instances = [world.spawnInstance({ concurrency: 3 }), world.spawnInstance({ concurrency: 3 })];
    await Promise.all(instances.map((instance) => instance.registered()));

    for (const signal of ["SIGTERM", "SIGKILL"] as const) {
      const batch: Array<{ runId: string; path: string }> = [];
      for (let i = 0; i < RUNS_PER_RESTART; i++) batch.push(await world.queueRun());
      for (const run of batch) paths.set(run.runId, run.path);
      await until(`all ${RUNS_PER_RESTART} runs to be mid-request`, 60_000, () =>
        batch.every((run) => world.target.heldOn(run.path)) ? true : undefined,
      );
      const finishWhileDown = batch.slice(0, RUNS_PER_RESTART / 2);
      const finishAfter = batch.slice(RUNS_PER_RESTART / 2);
      const buffered = () => instances.reduce((sum, instance) => sum + outboxFiles(instance.dataDir).length, 0);

      await world.restartConsole(signal, async () => {
        for (const run of finishWhileDown) world.target.answer(run.path);
        // Finished with no console to take them: the results wait in the runners' outboxes.
        await until("the finished results to be kept in the outboxes", 30_000, () =>
          buffered() >= finishWhileDown.length ? true : undefined,
        );
      });
      for (const run of finishAfter) world.target.answer(run.path);
      await until(`the ${signal} batch to be stored`, 90_000, async () => {
        const rows = await world.allRuns();
        const mine = rows.filter((row) => batch.some((run) => run.runId === row.id));
        return mine.every((row) => row.status === "finished") ? true : undefined;
      });
    }

    await until("the outboxes to be empty", 30_000, () =>
      instances.every((instance) => outboxFiles(instance.dataDir).length === 0) ? true : undefined,
    );
    const audit = await auditRuns(world, paths);
    const deliveries = instances.flatMap((instance) => instance.logs()).filter((line) => line.msg === "result delivered");
    const firstDeliveries = deliveries.filter((line) => line.duplicate === false);
    console.log(`[faults] console restarts: ${JSON.stringify({ ...audit, durationMs: Date.now() - startedAt })}`);

    expect(audit.runs).toBe(2 * RUNS_PER_RESTART);
    expect(audit.outcomes).toEqual({ successful: 2 * RUNS_PER_RESTART });
    expect(audit.unfinished).toEqual([]);
    expect(audit.executedTwice).toEqual([]);
    expect(audit.mismatched).toEqual([]);
    expect(audit.usage).toBe(2 * RUNS_PER_RESTART);
    // Every result reached the console and none was taken as new twice. A repeat whose first answer
    // was lost (a console killed or still booting) is told "duplicate", which stores nothing.
    expect(new Set(deliveries.map((line) => line.runId)).size).toBe(2 * RUNS_PER_RESTART);
    expect(new Set(firstDeliveries.map((line) => line.runId)).size).toBe(firstDeliveries.length);
  });
});
