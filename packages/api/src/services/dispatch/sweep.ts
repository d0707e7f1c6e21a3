import { and, eq, lt, sql } from "drizzle-orm";
import { runs, type Database } from "@outpost/db";
import { queueRunNotifications } from "../notification/queue-run-notifications";
import { MAX_ATTEMPTS, QUEUE_TIMEOUT_MS } from "./settings";

/**
 * Ends what no runner will finish: a lapsed lease hands its run back to the queue once and ends it
 * as "runner lost" the second time; a run queued past the bound ends as "no runner picked it up".
 * Both are failures for notifications, queued in the transaction that ends the runs.
 * Safe to run in every console process at once: each step is one atomic UPDATE.
 */
export async function sweepRuns(db: Database) {
  const lapsed = and(eq(runs.status, "running"), lt(runs.leaseExpiresAt, sql`now()`));
  const requeued = await db
    .update(runs)
    // The lease id stays until another instance claims the run: an instance cut off from the console
    // that finished the run meanwhile still delivers its result then, instead of the run being
    // executed a second time. A claim replaces the id, and from then on the late answer is refused.
    .set({ status: "queued", instanceId: null, leaseExpiresAt: null, queuedAt: sql`now()` })
    .where(and(lapsed, lt(runs.attempt, MAX_ATTEMPTS)))
    .returning({ id: runs.id, runnerId: runs.runnerId });
  const lost = await db.transaction(async (tx) => {
    const ended = await tx
      .update(runs)
      .set({ status: "finished", outcome: "error", errorMessage: "Error: runner lost", finishedAt: sql`now()`, leaseId: null, leaseExpiresAt: null })
      .where(and(lapsed, sql`${runs.attempt} >= ${MAX_ATTEMPTS}`))
      .returning({ id: runs.id });
    await queueRunNotifications(tx, ended.map((run) => ({ runId: run.id, failedTests: [] })));
    return ended;
  });
  const unclaimed = await db.transaction(async (tx) => {
    const ended = await tx
      .update(runs)
      // A requeued run keeps its lapsed lease id (above); ended here, it refuses that lease's late result.
      .set({ status: "finished", outcome: "error", errorMessage: "Error: no runner picked up this run", finishedAt: sql`now()`, leaseId: null })
      .where(and(eq(runs.status, "queued"), lt(runs.queuedAt, sql`now() - make_interval(secs => ${QUEUE_TIMEOUT_MS / 1000})`)))
      .returning({ id: runs.id });
    await queueRunNotifications(tx, ended.map((run) => ({ runId: run.id, failedTests: [] })));
    return ended;
  });
  return { requeued, lost: lost.length, unclaimed: unclaimed.length };
}
