import { createRunnerTeam } from "@outpost/api/testing/runner-fixtures";
import type { DatabaseHandle } from "@outpost/db";
import { createCollection, type TestDatabase } from "@outpost/db/testing";
import { getCollection } from "./collections";
import type { InstanceCredentials } from "./fleet";

export type Pool = NonNullable<DatabaseHandle["pool"]>;

export interface MonitorFleetOptions {
  runners: number;
  instancesPerRunner: number;
  monitors: number;
  /** Each monitor runs on this many of the runners, spread round-robin. */
  runnersPerMonitor: number;
  intervalMinutes: number;
  /** Every monitor's first scheduled time; null leaves them unscheduled (the benchmark queues runs itself). */
  firstRunAt: Date | null;
}

const OPTIONS = { requestTimeoutMs: null, delayBetweenRequestsMs: 0, retriesOnFailure: 0, followRedirects: true, sslValidation: true };
const NOTIFICATIONS = { recipients: ["oncall@example.test"], stopAfterConsecutiveFailures: 3, webhookUrl: null };

/**
 * An Enterprise team with private runners (created through the runner.create procedure, so each
 * has a real key) and many Manually Select monitors on them, inserted in bulk: making 10,000
 * monitors one procedure call at a time would take longer than the benchmark.
 */
export async function seedMonitorFleet(handle: TestDatabase, pool: Pool, options: MonitorFleetOptions) {
  const team = await createRunnerTeam(handle);
  const admin = team.as("admin");
  const runners: Array<{ id: string; key: string }> = [];
  for (let i = 0; i < options.runners; i++) {
    const created = await admin.runner.create({ name: `Runner ${String(i + 1).padStart(4, "0")}`, description: "", source: "runner_settings" });
    runners.push({ id: created.runner.id, key: created.key });
  }
  const credentials: InstanceCredentials[] = runners.flatMap((runner) =>
    Array.from({ length: options.instancesPerRunner }, () => ({ runnerId: runner.id, key: runner.key })),
  );
  const collection = await createCollection(handle.db, team.team.id, team.w1.id, {
    definition: getCollection("Orders API", "https://orders.internal.example", 3),
  });
  await pool.query(
    `with made as (
       insert into monitors (team_id, workspace_id, collection_id, name, schedule, runner_mode, options, notifications, next_run_at)
       select $1, $2, $3, 'Monitor ' || lpad(g::text, 5, '0'), $4::jsonb, 'manual', $5::jsonb, $6::jsonb, $7
       from generate_series(1, $8::int) g
       returning id, name)
     insert into monitor_runners (monitor_id, runner_id)
     select m.id, ($9::uuid[])[((m.n - 1 + k) % array_length($9::uuid[], 1)) + 1]
     from (select id, row_number() over (order by name) n from made) m, generate_series(0, $10::int - 1) k`,
    [
      team.team.id,
      team.w1.id,
      collection.id,
      JSON.stringify({ kind: "interval", minutes: options.intervalMinutes }),
      JSON.stringify(OPTIONS),
      JSON.stringify(NOTIFICATIONS),
      options.firstRunAt,
      options.monitors,
      runners.map((runner) => runner.id),
      options.runnersPerMonitor,
    ],
  );
  await pool.query("analyze");
  return { team, runners, credentials, collection };
}
