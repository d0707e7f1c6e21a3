import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { createDispatchLoop } from "@outpost/api";
import type { Database } from "@outpost/db";
import type { Pool } from "./monitor-fleet";
import { formatSummary, summarize } from "./stats";

/**
 * The scheduler alone: every monitor of the team is due, a dispatch loop starts, and the time until
 * all of their runs are queued is what one console process's scheduling can do, with no runner
 * claiming and no result coming in beside it.
 */
export async function drainDueMonitors(db: Database, pool: Pool, teamId: string) {
  const { rows } = await pool.query<{ n: string }>(
    `with due as (update monitors set next_run_at = now() - interval '1 second' where team_id = $1 returning id)
     select count(*) n from monitor_runners where monitor_id in (select id from due)`,
    [teamId],
  );
  const expected = Number(rows[0]!.n);
  const errors: unknown[] = [];
  const batches: number[] = [];
  const loop = createDispatchLoop({ db, onError: (error) => errors.push(error), onIteration: (iteration) => batches.push(iteration.durationMs) });
  const startedAt = performance.now();
  loop.start();
  let queued = 0;
  while (queued < expected && performance.now() - startedAt < 120_000) {
    await sleep(20);
    const count = await pool.query<{ n: string }>("select count(*) n from runs where team_id = $1", [teamId]);
    queued = Number(count.rows[0]!.n);
  }
  const seconds = (performance.now() - startedAt) / 1000;
  await loop.stop();
  console.log(`Scheduler alone: ${queued} of ${expected} runs queued in ${seconds.toFixed(2)} s (${(queued / seconds).toFixed(0)} runs/s), ${errors.length} errors`);
  if (batches.length > 0) console.log(`  iterations: ${formatSummary(summarize(batches))}`);
  for (const error of errors.slice(0, 3)) console.log(`  ${String(error).slice(0, 300)}`);
}
