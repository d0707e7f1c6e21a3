import type { Pool } from "./monitor-fleet";

/**
 * Samples what the database's connections are doing (pg_stat_activity) every `everyMs` until
 * stopped: the statements most often seen, and what they were waiting on. A cheap profile of
 * where ingestion time goes, without extensions.
 */
export function sampleActivity(pool: Pool, everyMs = 20) {
  const seen = new Map<string, number>();
  let samples = 0;
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      const { rows } = await pool.query<{ query: string; wait: string | null }>(
        `select left(regexp_replace(query, '\\s+', ' ', 'g'), 70) query, wait_event_type || ':' || wait_event wait
         from pg_stat_activity where datname = current_database() and state = 'active' and pid <> pg_backend_pid()`,
      );
      samples += 1;
      for (const row of rows) {
        const key = `${row.wait ?? "CPU"} · ${row.query}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return async (top = 12) => {
    stopped = true;
    await done;
    console.log(`  Active connections by statement and wait (${samples} samples; average connections busy):`);
    for (const [key, count] of [...seen].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`    ${(count / samples).toFixed(2).padStart(5)}  ${key}`);
    }
  };
}
