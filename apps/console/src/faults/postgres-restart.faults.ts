// Scenario 4: the PostgreSQL server restarts (a fast shutdown, then a crash) while runs are being
// queued, claimed and finished. The console must recover without a restart of its own: runs are
// scheduled, claimed and completed again, and /api/health says ok again.
import { and, eq, gt } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runs } from "@outpost/db";
import { until } from "../test-support/until";
import { createFaultWorld, type FaultWorld } from "./support/fault-world";
import { auditRuns, runsInFlight } from "./support/run-audit";

/** How long the database stays down each time. */
const DOWN_MS = 5_000;

let world: FaultWorld;
beforeAll(async () => {
  world = await createFaultWorld("pgrestart");
});
afterAll(async () => {
  await world?.close();
});

async function health(): Promise<number> {
  const response = await fetch(`${world.consoleUrl}/api/health`).catch(() => undefined);
  return response?.status ?? 0;
}

describe("PostgreSQL restarts", () => {
  it("keeps scheduling, claiming and completing runs after the database comes back", { timeout: 8 * 60_000 }, async () => {
    const startedAt = Date.now();
    const consolePid = world.console().child.pid;
    const hasHealth = (await health()) !== 404;
    if (hasHealth) expect(await health()).toBe(200);
    world.target.answerAll();
    const instances = [world.spawnInstance({ concurrency: 2 }), world.spawnInstance({ concurrency: 2 })];
    await Promise.all(instances.map((instance) => instance.registered()));
    const scheduled = await world.scheduleEveryMinute("every-minute");

    const paths = new Map<string, string>();
    let feeding = true;
    let feedErrors = 0;
    // Steady load: a few runs queued at any time, also while the database is away (those attempts fail).
    const feeder = (async () => {
      while (feeding) {
        try {
          if ((await runsInFlight(world)).length < 4) {
            const run = await world.queueRun();
            paths.set(run.runId, run.path);
          }
        } catch {
          feedErrors++;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();
    const finishedSince = async (since: Date) =>
      (await world.allRuns()).filter((row) => row.status === "finished" && row.finishedAt && row.finishedAt > since && paths.has(row.id));

    const outages = [];
    try {
      await until("runs to flow before the restart", 60_000, async () => ((await finishedSince(new Date(startedAt))).length >= 5 ? true : undefined));
      for (const mode of ["fast", "immediate"] as const) {
        world.cluster.halt(mode);
        const downAt = Date.now();
        await new Promise((resolve) => setTimeout(resolve, DOWN_MS / 2));
        const healthWhileDown = hasHealth ? await health() : undefined;
        await new Promise((resolve) => setTimeout(resolve, DOWN_MS / 2));
        world.cluster.resume();
        const upAt = new Date();
        // New runs, queued after the restart, are claimed and completed.
        await until(`runs to complete after the ${mode} restart`, 90_000, async () =>
          (await finishedSince(upAt).catch(() => [])).length >= 5 ? true : undefined,
        );
        const recoveredMs = Date.now() - upAt.getTime();
        if (hasHealth) await until("the health check to say ok", 30_000, async () => ((await health()) === 200 ? true : undefined));
        outages.push({ mode, downMs: upAt.getTime() - downAt, healthWhileDown, recoveredMs });
      }
      // The scheduler too: the every-minute monitor gets a run queued after the last restart, and it completes.
      const lastUp = new Date(Date.now() - 1_000);
      await until("a scheduled run after the restarts", 2 * 60_000 + 10_000, async () => {
        const [row] = await world.db
          .select()
          .from(runs)
          .where(and(eq(runs.monitorId, scheduled.monitorId), eq(runs.status, "finished"), gt(runs.queuedAt, lastUp)));
        return row;
      });
    } finally {
      feeding = false;
      await feeder;
    }
    await until("every run to end", 3 * 60_000, async () => ((await runsInFlight(world)).length === 0 ? true : undefined));

    const audit = await auditRuns(world, paths);
    console.log(
      `[faults] PostgreSQL restarts: ${JSON.stringify({ outages, feedErrors, hasHealth, ...audit, durationMs: Date.now() - startedAt })}`,
    );
    // The same console process throughout.
    expect(world.console().child.pid).toBe(consolePid);
    expect(world.console().child.exitCode).toBeNull();
    expect(audit.unfinished).toEqual([]);
    expect(audit.executedTwice).toEqual([]);
    expect(audit.mismatched).toEqual([]);
    expect(audit.usage).toBe(audit.storedRequests);
    // While the database was away the console said it was not ready (503, naming the database).
    if (hasHealth) for (const outage of outages) expect(outage.healthWhileDown).not.toBe(200);
  });
});
