import type { Pool } from "./monitor-fleet";
import { summarize, type Summary } from "./stats";

export interface SlotFigures {
  slot: Date;
  runs: number;
  /** scheduledFor → queuedAt: the scheduler's own delay. */
  queued: Summary | null;
  /** scheduledFor → startedAt (first claim): the scheduler's delay plus the runners' pick-up. */
  claimed: Summary | null;
  unclaimed: number;
}

export interface ScheduleFigures {
  slots: SlotFigures[];
  queued: Summary | null;
  claimed: Summary | null;
  /** (monitor, runner, slot) with no run. */
  missed: number;
  /** (monitor, runner, slot) with more than one run. */
  doubled: number;
  expected: number;
  /** Runs that ended as Error (no runner picked it up, runner lost) in the window. */
  errors: number;
}

const summarizeOrNull = (values: number[]) => (values.length > 0 ? summarize(values) : null);

/**
 * Reads the benchmark's outcome from the runs table: every (monitor, selected runner) pair should
 * have exactly one scheduled run per minute slot from `first` to `last` (at its monitor's second of
 * the minute).
 */
export async function readScheduleFigures(pool: Pool, first: Date, last: Date): Promise<ScheduleFigures> {
  const { rows } = await pool.query<{ slot: Date; queued_ms: number; claimed_ms: number | null; outcome: string | null }>(
    `select date_trunc('minute', scheduled_for) slot, extract(epoch from queued_at - scheduled_for) * 1000 queued_ms,
            extract(epoch from started_at - scheduled_for) * 1000 claimed_ms, outcome
     from runs where type = 'scheduled' and scheduled_for >= $1 and scheduled_for < $2::timestamptz + interval '1 minute'`,
    [first, last],
  );
  const bySlot = new Map<number, typeof rows>();
  for (const row of rows) {
    const key = row.slot.getTime();
    bySlot.set(key, [...(bySlot.get(key) ?? []), row]);
  }
  const slots = [...bySlot.entries()]
    .sort(([a], [b]) => a - b)
    .map(([key, slotRows]): SlotFigures => {
      const claimed = slotRows.filter((row) => row.claimed_ms !== null).map((row) => Number(row.claimed_ms));
      return {
        slot: new Date(key),
        runs: slotRows.length,
        queued: summarizeOrNull(slotRows.map((row) => Number(row.queued_ms))),
        claimed: summarizeOrNull(claimed),
        unclaimed: slotRows.length - claimed.length,
      };
    });

  const gaps = await pool.query<{ expected: string; missed: string; doubled: string }>(
    `with slots as (select generate_series($1::timestamptz, $2::timestamptz, interval '1 minute') slot),
          wanted as (select mr.monitor_id, mr.runner_id, s.slot from monitor_runners mr cross join slots s),
          got as (select monitor_id, runner_id, date_trunc('minute', scheduled_for) slot, count(*) n from runs
                  where type = 'scheduled' and scheduled_for >= $1 and scheduled_for < $2::timestamptz + interval '1 minute'
                  group by 1, 2, 3)
     select (select count(*) from wanted) expected,
            (select count(*) from wanted w left join got g using (monitor_id, runner_id, slot) where g.n is null) missed,
            (select count(*) from got where n > 1) doubled`,
    [first, last],
  );
  const counts = gaps.rows[0]!;
  return {
    slots,
    queued: summarizeOrNull(rows.map((row) => Number(row.queued_ms))),
    claimed: summarizeOrNull(rows.filter((row) => row.claimed_ms !== null).map((row) => Number(row.claimed_ms))),
    missed: Number(counts.missed),
    doubled: Number(counts.doubled),
    expected: Number(counts.expected),
    errors: rows.filter((row) => row.outcome === "error").length,
  };
}
