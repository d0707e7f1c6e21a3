// Result ingestion through the runner gateway's HTTP endpoint: many simulated instances submitting
// realistic results at once (executions, assertions, console lines, usage and the notification
// decisions, in one transaction each). A benchmark, not a test: `pnpm bench:ingestion`
// (docs/benchmarks.md, "Result ingestion").
import { parseArgs } from "node:util";
import { sampleActivity } from "./support/activity-sampler";
import { startConsole } from "./support/console";
import { formatCpu, measureCpu } from "./support/cpu";
import { createBenchDatabase } from "./support/database";
import { printMachine } from "./support/machine";
import { seedMonitorFleet, type Pool } from "./support/monitor-fleet";
import { REALISTIC_RESULT } from "./support/result-body";
import { formatSummary, summarize } from "./support/stats";
import { startWorkers } from "./support/worker-fleet";

const { values } = parseArgs({
  options: {
    monitors: { type: "string", default: "1500" },
    runners: { type: "string", default: "50" },
    "instances-per-runner": { type: "string", default: "4" },
    /** Each monitor runs on this many runners: a round queues monitors × this many runs. */
    "runners-per-monitor": { type: "string", default: "2" },
    /** Timed rounds, after one warm-up round of the same size. */
    rounds: { type: "string", default: "2" },
    /** Sample pg_stat_activity while results are submitted: which statements run, and what they wait on. */
    profile: { type: "boolean", default: false },
  },
});
const TARGET_PER_SECOND = 1_000;
const CLAIM_MAX = 16;

process.env.OUTPOST_TEST_DB ??= "postgres";
const database = await createBenchDatabase();
const pool = database.console.pool;
if (!pool) throw new Error("This benchmark needs PostgreSQL: set TEST_DATABASE_URL or OUTPOST_TEST_DB=postgres.");
await printMachine("Result ingestion through the runner gateway", database.description);

/** One run per (monitor, selected runner), queued now, as the scheduler queues a minute's runs. */
async function queueRound(target: Pool, teamId: string) {
  const { rowCount } = await target.query(
    `insert into runs (team_id, monitor_id, runner_id, type, scheduled_for)
     select $1, mr.monitor_id, mr.runner_id, 'scheduled', date_trunc('second', now())
     from monitor_runners mr join monitors m on m.id = mr.monitor_id where m.team_id = $1`,
    [teamId],
  );
  return rowCount ?? 0;
}

try {
  console.log(`Seeding ${values.monitors} monitors on ${values.runners} runners (${values["runners-per-monitor"]} runners each)…`);
  const fleet = await seedMonitorFleet(database.console, pool, {
    runners: Number(values.runners),
    instancesPerRunner: Number(values["instances-per-runner"]),
    monitors: Number(values.monitors),
    runnersPerMonitor: Number(values["runners-per-monitor"]),
    intervalMinutes: 1,
    firstRunAt: null,
  });
  // No scheduling (no monitor is due) and no sweeping: the instances hold their leases while a round is claimed.
  const consoleApp = await startConsole(database.console, { dispatchLoop: false });
  const rounds = Number(values.rounds) + 1;
  const timed: Array<{ perSecond: number; latencies: number[] }> = [];
  for (let round = 0; round < rounds; round++) {
    const queued = await queueRound(pool, fleet.team.team.id);
    const workers = await startWorkers({ url: consoleApp.url, instances: fleet.credentials, mode: "hold", claimMax: CLAIM_MAX, shape: REALISTIC_RESULT });
    const cpu = measureCpu({ "console": [process.pid], workers: [workers.pid], database: await database.serverPids() });
    const stopSampling = values.profile ? sampleActivity(pool) : undefined;
    const { latenciesMs, elapsedMs, stats } = await workers.submitHeld();
    const cpuUse = cpu();
    await workers.stop();
    const perSecond = (latenciesMs.length / elapsedMs) * 1000;
    const label = round === 0 ? "Warm-up" : `Round ${round}`;
    console.log(`${label}: ${queued} queued, ${stats.claimed} claimed by ${fleet.credentials.length} instances, ${latenciesMs.length} results in ${(elapsedMs / 1000).toFixed(1)} s = ${perSecond.toFixed(0)} results/s`);
    console.log(`  latency ${formatSummary(summarize(latenciesMs))}`);
    console.log(`  CPU: ${formatCpu(cpuUse)}`);
    for (const failure of stats.failures.slice(0, 5)) console.log(`  failure: ${failure}`);
    await stopSampling?.();
    if (round > 0) timed.push({ perSecond, latencies: latenciesMs });
  }
  await consoleApp.close();

  const all = summarize(timed.flatMap((round) => round.latencies));
  const rates = timed.map((round) => round.perSecond);
  console.log(`\nTimed rounds: ${rates.map((rate) => rate.toFixed(0)).join(", ")} results/s · latency p50 ${all.p50.toFixed(1)} ms, p99 ${all.p99.toFixed(1)} ms`);
  console.log(`Target ≥ ${TARGET_PER_SECOND} results/s: ${Math.min(...rates) >= TARGET_PER_SECOND ? "met" : "MISSED"}`);
  await printStored(pool);
  console.log(`Console errors: ${consoleApp.errors.length}`);
  for (const error of consoleApp.errors.slice(0, 5)) console.log(`  ${String(error).slice(0, 300)}`);
} finally {
  await database.close();
}

/** What the rounds stored, so a fast but wrong ingestion shows. */
async function printStored(target: Pool) {
  const { rows } = await target.query(
    `select (select count(*) from runs where status = 'finished') finished, (select count(*) from runs where status <> 'finished') unfinished,
            (select count(*) from request_executions) executions, (select count(*) from assertions) assertions,
            (select count(*) from console_lines) lines, (select coalesce(sum(request_count), 0) from usage_months) usage,
            (select count(*) from notification_outbox) notifications`,
  );
  console.log(`Stored: ${Object.entries(rows[0]!).map(([name, count]) => `${name} ${count}`).join(", ")}`);
}
