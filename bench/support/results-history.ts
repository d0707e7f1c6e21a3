import { createRunnerTeam } from "@outpost/api/testing/runner-fixtures";
import type { DatabaseHandle } from "@outpost/db";
import { createCollection, createMonitor, type TestDatabase } from "@outpost/db/testing";
import { getCollection } from "./collections";

/** The requests of every seeded run, as the monitor's collection names them. */
const REQUESTS = ["Request 1", "Request 2", "Request 3"];

export type ResultsHistory = Awaited<ReturnType<typeof seedResultsHistory>>;

/**
 * A monitor with `runs` finished runs on two private runners (one run per runner every `slotSeconds`,
 * so half the runs share their scheduled time with another), and `neighbourRuns` more spread over
 * four other monitors of the team, all inserted in time order as a live system writes them. Each
 * run has 3 request executions with 2 tests each and 3 console lines. About 1 run in 100 fails,
 * 1 in 250 ends in Error, 1 in 1,000 is aborted; 1 in 50 is a manual run.
 */
export async function seedResultsHistory(
  handle: TestDatabase,
  pool: NonNullable<DatabaseHandle["pool"]>,
  { runs, neighbourRuns, slotSeconds = 300 }: { runs: number; neighbourRuns: number; slotSeconds?: number },
) {
  const team = await createRunnerTeam(handle);
  const admin = team.as("admin");
  const runners = [];
  for (const name of ["Data centre A", "Data centre B"]) runners.push((await admin.runner.create({ name, description: "", source: "runner_settings" })).runner);
  const collection = await createCollection(handle.db, team.team.id, team.w1.id, {
    definition: getCollection("Orders API", "https://orders.internal.example", REQUESTS.length),
  });
  const monitor = await createMonitor(handle.db, team.team.id, team.w1.id, collection.id, { name: "Orders API", runnerMode: "manual" });
  await pool.query("insert into monitor_runners (monitor_id, runner_id) values ($1, $2), ($1, $3)", [monitor.id, runners[0]!.id, runners[1]!.id]);
  const neighbours = [];
  for (let i = 0; i < 4; i++) neighbours.push(await createMonitor(handle.db, team.team.id, team.w1.id, collection.id, { name: `Neighbour ${i + 1}` }));

  const started = Date.now();
  // Run number g of a monitor: slot g/2 (slotSeconds apart, newest now), on runner g%2.
  await pool.query(
    `insert into runs (team_id, monitor_id, runner_id, type, status, outcome, error_message, attempt,
                       scheduled_for, queued_at, started_at, finished_at, request_count, duration_ms)
     select $1, m.monitor_id, case when m.on_runners then (array[$2::uuid, $3::uuid])[g % 2 + 1] end,
            (case when g % 50 = 7 then 'manual' else 'scheduled' end)::run_type, 'finished',
            (case when g % 100 = 13 then 'failure' when g % 250 = 31 then 'error' when g % 1000 = 77 then 'abort' else 'successful' end)::run_outcome,
            case when g % 250 = 31 then 'connect ECONNREFUSED 10.0.0.12:443' when g % 1000 = 77 then 'Run aborted: took longer than 5 minutes' end,
            1, t, t, t + interval '50 milliseconds', t + interval '900 milliseconds', 3, 850
     from (select $4::uuid as monitor_id, $5::int as runs, true as on_runners
           union all select unnest($6::uuid[]), $7::int, false) m,
          generate_series(0, m.runs - 1) g,
          lateral (select now() - (g / case when m.on_runners then 2 else 1 end) * make_interval(secs => $8) as t) time
     order by t`,
    [team.team.id, runners[0]!.id, runners[1]!.id, monitor.id, runs, neighbours.map((n) => n.id), Math.floor(neighbourRuns / 4), slotSeconds],
  );
  await pool.query(
    `insert into request_executions (run_id, position, request_name, method, url, status_code, response_time_ms, response_size_bytes)
     select r.id, p.n - 1, p.name, 'GET', 'https://orders.internal.example/items/' || p.n,
            case when r.outcome = 'error' then null else 200 end,
            case when r.outcome = 'error' then null else 5 + p.n * 35 + (random() * 120)::int end, 900 + p.n * 300
     from runs r cross join unnest($2::text[]) with ordinality as p(name, n)
     where r.team_id = $1
     order by r.scheduled_for, p.n`,
    [team.team.id, REQUESTS],
  );
  await pool.query(
    `insert into assertions (run_id, execution_id, position, name, passed, error_message)
     select e.run_id, e.id, a.position, a.name, not (r.outcome = 'failure' and e.position = 1 and a.position = 1),
            case when r.outcome = 'failure' and e.position = 1 and a.position = 1 then 'expected 503 to equal 200' end
     from request_executions e join runs r on r.id = e.run_id
     cross join (values (0, 'Status code is 200'), (1, 'Body has items')) a(position, name)
     where r.team_id = $1 and r.outcome <> 'error'
     order by r.scheduled_for, e.position, a.position`,
    [team.team.id],
  );
  await pool.query(
    `insert into console_lines (run_id, position, level, message, logged_at)
     select r.id, l.position, l.level::console_level, l.message, r.started_at
     from runs r cross join (values (0, 'stage', 'Run started: "Orders API" with 3 requests'), (1, 'log', 'items: 12'),
                                    (2, 'stage', 'Run finished, 3 requests sent')) l(position, level, message)
     where r.team_id = $1
     order by r.scheduled_for, l.position`,
    [team.team.id],
  );
  await pool.query("analyze");
  const counts = await pool.query<{ runs: string; executions: string; assertions: string; lines: string }>(
    `select (select count(*) from runs) runs, (select count(*) from request_executions) executions,
            (select count(*) from assertions) assertions, (select count(*) from console_lines) lines`,
  );
  return {
    team,
    monitor,
    runners,
    loadSeconds: (Date.now() - started) / 1000,
    rows: counts.rows[0]!,
  };
}
