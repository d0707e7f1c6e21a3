// Scenario 1: runner processes SIGKILLed at random points of their runs — just after the claim,
// mid-request, after the run finished but before its result was delivered — and started again on
// the same data folder. No run may stay queued or running past its bound, none may be executed to
// completion twice, and every run must end with a stored outcome.
import { and, eq, lt, or, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runs } from "@outpost/db";
import { until } from "../test-support/until";
import { createFaultWorld, type FaultWorld } from "./support/fault-world";
import { runKillSlot, type Kill } from "./support/kill-slot";
import { faultSeed } from "./support/prng";
import { auditRuns, runsInFlight } from "./support/run-audit";

const KILLS = Number(process.env.FAULTS_KILLS ?? 100);
/** Runner processes killed and restarted side by side; a kill costs mostly a process start. */
const SEATS = Number(process.env.FAULTS_KILL_SEATS ?? 6);
/** The console's lease (LEASE_DURATION_MS): a killed instance's run goes back to the queue after it. */
const LEASE_MS = 60_000;
/** How late past its lease a running run may still be there: the sweeper runs once a second. */
const SWEEP_SLACK_MS = 10_000;
/** The longest the kills may take: each costs a runner process start, slow on a loaded machine. */
const KILL_PHASE_MS = Number(process.env.FAULTS_KILL_PHASE_MS ?? 8 * 60_000);
/** QUEUE_TIMEOUT_MS: a queued run ends as "no runner picked it up" after it. */
const QUEUE_BOUND_MS = 6 * 60_000;

let world: FaultWorld;
beforeAll(async () => {
  world = await createFaultWorld("kills");
});
afterAll(async () => {
  await world?.close();
});

/** Runs past their bounds right now: a lease lapsed longer ago than the sweeper needs, or queued too long. */
async function overdueRuns() {
  return world.db
    .select({ id: runs.id, status: runs.status })
    .from(runs)
    .where(
      and(
        eq(runs.teamId, world.team.team.id),
        or(
          and(eq(runs.status, "running"), lt(runs.leaseExpiresAt, sql`now() - make_interval(secs => ${SWEEP_SLACK_MS / 1000})`)),
          and(eq(runs.status, "queued"), lt(runs.queuedAt, sql`now() - make_interval(secs => ${(QUEUE_BOUND_MS + SWEEP_SLACK_MS) / 1000})`)),
        ),
      ),
    );
}

describe("runner kills", () => {
  it(`survives ${KILLS} SIGKILLs of runners at random points of their runs`, async () => {
    const seed = faultSeed();
    console.log(`[faults] runner kills: seed ${seed} (FAULTS_SEED=${seed} repeats the choices)`);
    const startedAt = Date.now();
    const paths = new Map<string, string>();
    const kills: Kill[] = [];
    let killsTaken = 0;
    let over = false;
    const overdue = new Set<string>();

    // Enough queued work that every seat always has a run to take, fed until the kills are done.
    const feeder = (async () => {
      while (!over && killsTaken < KILLS) {
        const queued = (await runsInFlight(world)).filter((run) => run.status === "queued").length;
        if (queued < SEATS * 2) {
          const run = await world.queueRun();
          paths.set(run.runId, run.path);
        } else await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    const watchdog = (async () => {
      while (!over) {
        for (const run of await overdueRuns()) overdue.add(`${run.id} (${run.status})`);
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    })();

    const plan = {
      takeKill: () => (killsTaken < KILLS ? (killsTaken++, true) : false),
      record(kill: Kill) {
        kills.push(kill);
        if (kills.length % 10 === 0) console.log(`[faults] runner kills: ${kills.length} after ${Math.round((Date.now() - startedAt) / 1000)} s`);
      },
      pathOf: (runId: string) => paths.get(runId),
      finished: () => over,
    };
    const seats = Array.from({ length: SEATS }, (_, seat) => runKillSlot(world, seed + seat, plan));
    const seatsFailed = Promise.all(seats).then(
      () => undefined,
      (error: unknown) => {
        over = true;
        throw error;
      },
    );

    try {
      // Bounded so the suite stays within its time on a slow machine; a shortfall fails the test
      // at the end, after the runs that were killed have been checked all the same.
      await until(`${KILLS} kills`, KILL_PHASE_MS, () => (kills.length >= KILLS ? true : undefined)).catch(() => {
        killsTaken = KILLS;
      });
      await feeder;
      const lastKillAt = Date.now();
      // After the last kill, a lease lapses, the run goes back to the queue and a seat finishes it.
      await until("every run to end", LEASE_MS + 60_000, async () => ((await runsInFlight(world)).length === 0 ? true : undefined));
      const drainMs = Date.now() - lastKillAt;
      over = true;
      await seatsFailed;
      await watchdog;

      const audit = await auditRuns(world, paths);
      const byPoint = Object.fromEntries(["claimed", "mid-request", "after-finish"].map((point) => [point, kills.filter((k) => k.point === point).length]));
      console.log(
        `[faults] runner kills: ${JSON.stringify({ seed, kills: kills.length, byPoint, ...audit, overdue: [...overdue], drainMs, durationMs: Date.now() - startedAt })}`,
      );

      expect(audit.unfinished).toEqual([]);
      expect([...overdue]).toEqual([]);
      expect(audit.executedTwice).toEqual([]);
      expect(audit.mismatched).toEqual([]);
      expect(audit.usage).toBe(audit.storedRequests);
      expect(audit.answered).toBe(audit.storedRequests);
      // A result finished before the kill was delivered by the next process on the same folder:
      // the run ended successful on the attempt that was killed.
      const afterFinish = kills.filter((kill) => kill.point === "after-finish");
      const rows = await world.allRuns();
      for (const kill of afterFinish) {
        expect(rows.find((row) => row.id === kill.runId)).toMatchObject({ outcome: "successful", attempt: kill.attempt });
      }
      expect(kills, `only ${kills.length} kills within ${KILL_PHASE_MS / 1000} s`).toHaveLength(KILLS);
    } finally {
      over = true;
      await Promise.allSettled([seatsFailed, feeder, watchdog]);
    }
  });
});
