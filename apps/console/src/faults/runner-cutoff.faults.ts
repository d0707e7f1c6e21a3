// Scenario 3: a runner cut off from the console for minutes (a TCP proxy in between that drops
// every connection and blackholes new ones). Runs that finish meanwhile wait in the runner's
// outbox; once the network is back, each result must land exactly once and no run run again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTcpCutter } from "../test-support/tcp-cutter";
import { until } from "../test-support/until";
import { createFaultWorld, outboxFiles, type FaultWorld } from "./support/fault-world";
import { auditRuns } from "./support/run-audit";

/** How long the runner is cut off: 3 minutes (three leases) unless FAULTS_CUT_MS says otherwise. */
const CUT_MS = Number(process.env.FAULTS_CUT_MS ?? 3 * 60_000);
const RUNS = 4;

let world: FaultWorld;
beforeAll(async () => {
  world = await createFaultWorld("cutoff");
});
afterAll(async () => {
  await world?.close();
});

describe("runner cut off from the console", () => {
  it(`delivers every result finished during a ${CUT_MS / 1000} s cut exactly once after it`, { timeout: CUT_MS + 6 * 60_000 }, async () => {
    const startedAt = Date.now();
    const cutter = await startTcpCutter({ port: Number(new URL(world.consoleUrl).port) });
    try {
      const runner = world.spawnInstance({ url: cutter.url, concurrency: RUNS });
      await runner.registered();
      const batch: Array<{ runId: string; path: string }> = [];
      for (let i = 0; i < RUNS; i++) batch.push(await world.queueRun());
      const paths = new Map(batch.map((run) => [run.runId, run.path]));
      await until("every run to be mid-request", 60_000, () => (batch.every((run) => world.target.heldOn(run.path)) ? true : undefined));

      cutter.cut();
      const cutAt = Date.now();
      world.target.answerAll();
      await until("the finished results to wait in the outbox", 30_000, () =>
        outboxFiles(runner.dataDir).length === RUNS ? true : undefined,
      );
      // The cut holds: nothing reaches the console, so every run is still open there.
      const failedTries = () => runner.logs().filter((line) => line.msg === "submit result failed").length;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, CUT_MS - (Date.now() - cutAt))));
      expect(failedTries()).toBeGreaterThan(0);
      expect((await world.allRuns()).filter((row) => row.status === "finished")).toEqual([]);
      cutter.restore();
      const restoredAt = Date.now();

      await until("every run to be stored", 3 * 60_000, async () =>
        (await world.allRuns()).every((row) => row.status === "finished") ? true : undefined,
      );
      const landedMs = Date.now() - restoredAt;
      await until("the outbox to be empty", 30_000, () => (outboxFiles(runner.dataDir).length === 0 ? true : undefined));
      const audit = await auditRuns(world, paths);
      const logs = runner.logs();
      const delivered = logs.filter((line) => line.msg === "result delivered" && line.duplicate === false).map((line) => line.runId);
      const dropped = logs.filter((line) => line.msg.startsWith("result dropped"));
      console.log(
        `[faults] runner cut off: ${JSON.stringify({ cutMs: CUT_MS, ...audit, failedTries: failedTries(), dropped: dropped.length, landedMs, durationMs: Date.now() - startedAt })}`,
      );

      expect(dropped).toEqual([]);
      expect(audit.outcomes).toEqual({ successful: RUNS });
      expect(audit.executedTwice).toEqual([]);
      expect(audit.mismatched).toEqual([]);
      expect(audit.usage).toBe(RUNS);
      expect(delivered.sort()).toEqual(batch.map((run) => run.runId).sort());
      expect((await world.allRuns()).map((row) => row.attempt)).toEqual(Array(RUNS).fill(1));
    } finally {
      await cutter.close();
    }
  });
});
