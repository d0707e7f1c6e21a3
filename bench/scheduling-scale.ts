// 10,000 monitors on a one-minute schedule, one console process, simulated runner instances taking
// the runs and reporting results: how late runs start, and whether any slot is missed or doubled.
// A benchmark, not a test: `pnpm bench:scheduling` (docs/benchmarks.md, "Scheduling 10,000 monitors").
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { nextRunAt, type MonitorSchedule } from "@outpost/api";
import { openDatabase } from "@outpost/db";
import type { Pool } from "./support/monitor-fleet";
import { startConsole } from "./support/console";
import { formatCpu, measureCpu } from "./support/cpu";
import { createBenchDatabase } from "./support/database";
import { printMachine } from "./support/machine";
import { seedMonitorFleet } from "./support/monitor-fleet";
import { SMALL_RESULT } from "./support/result-body";
import { drainDueMonitors } from "./support/schedule-drain";
import { readScheduleFigures, type ScheduleFigures } from "./support/schedule-report";
import { formatSummary, summarize, type Summary } from "./support/stats";
import { startWorkers } from "./support/worker-fleet";

const { values } = parseArgs({
  options: {
    monitors: { type: "string", default: "10000" },
    runners: { type: "string", default: "100" },
    "instances-per-runner": { type: "string", default: "2" },
    /** Runs one instance takes per claim; it reports them all at once, then claims again. */
    "claim-max": { type: "string", default: "8" },
    /** Measured minute slots. */
    minutes: { type: "string", default: "3" },
    /** Only time the scheduler queueing every monitor at once, with no runner instances. */
    "drain-only": { type: "boolean", default: false },
    /** The dispatch loop on the gateway's pool of 10, as before the console gave it 2 connections of its own. */
    "shared-pool": { type: "boolean", default: false },
  },
});
const MINUTE = 60_000;
/**
 * After the last measured minute (whose runs come over the whole minute, each monitor at its own
 * second), time for its last runs to be queued and claimed.
 */
const SETTLE_MS = 15_000;
/** The first slot is at least this far away once everything is running, so it starts from a quiet state. */
const LEAD_MS = 10_000;
const TARGET_P99_MS = 1_000;

process.env.OUTPOST_TEST_DB ??= "postgres";
const database = await createBenchDatabase();
const pool = database.console.pool;
if (!pool) throw new Error("This benchmark needs PostgreSQL: set TEST_DATABASE_URL or OUTPOST_TEST_DB=postgres.");
await printMachine(`Scheduling ${values.monitors} monitors every minute`, database.description);

try {
  console.log(`Seeding ${values.monitors} monitors on ${values.runners} runners…`);
  const fleet = await seedMonitorFleet(database.console, pool, {
    runners: Number(values.runners),
    instancesPerRunner: Number(values["instances-per-runner"]),
    monitors: Number(values.monitors),
    runnersPerMonitor: 1,
    intervalMinutes: 1,
    firstRunAt: null,
  });
  if (values["drain-only"]) await drainDueMonitors(database.console.db, pool, fleet.team.team.id);
  else await runWithFleet(fleet);
} finally {
  await database.close();
}

/** The full run: the console, the simulated instances, the measured minutes, then the figures. */
async function runWithFleet(fleet: Awaited<ReturnType<typeof seedMonitorFleet>>) {
  const pool = database.console.pool!;
  // The loop's busy iterations (full batches): how long each took, pool waits included.
  const busyIterations: number[] = [];
  const loopHandle = values["shared-pool"] ? undefined : openDatabase({ kind: "postgres", url: database.console.url!, poolSize: 2 });
  const consoleApp = await startConsole(database.console, {
    onIteration: (iteration) => iteration.full && busyIterations.push(iteration.durationMs),
    loopDb: loopHandle?.db,
  });
  const workers = await startWorkers({
    url: consoleApp.url,
    instances: fleet.credentials,
    mode: "work",
    claimMax: Number(values["claim-max"]),
    shape: SMALL_RESULT,
  });
  console.log(`  ${workers.readyStats.registered} instances registered and claiming`);

  const first = new Date(Math.ceil((Date.now() + LEAD_MS) / MINUTE) * MINUTE);
  const last = new Date(first.getTime() + (Number(values.minutes) - 1) * MINUTE);
  await scheduleFirstSlot(pool, fleet.team.team.id, first);
  console.log(`  Slots ${first.toISOString()} … ${last.toISOString()}, stopping ${SETTLE_MS / 1000} s after the last ends\n`);

  const cpu = measureCpu({ "console": [process.pid], workers: [workers.pid], database: await database.serverPids() });
  const endAt = last.getTime() + MINUTE + SETTLE_MS;
  while (Date.now() < endAt) {
    await sleep(Math.min(15_000, endAt - Date.now()));
    const { rows } = await pool.query<{ status: string; n: string }>("select status, count(*) n from runs group by 1 order by 1");
    console.log(`  ${new Date().toISOString()} runs: ${rows.map((row) => `${row.status} ${row.n}`).join(", ")}`);
  }
  const cpuUse = cpu();
  const workerStats = await workers.stop();
  await consoleApp.close();
  await loopHandle?.close();

  const figures = await readScheduleFigures(pool, first, last);
  printFigures(figures);
  if (busyIterations.length > 0) console.log(`\nScheduler iterations with a full batch: ${formatSummary(summarize(busyIterations))}`);
  console.log(`CPU over the measured minutes: ${formatCpu(cpuUse)}`);
  console.log(`Workers: ${workerStats.claimed} runs claimed, ${workerStats.submitted} results submitted, ${workerStats.failures.length} failures`);
  for (const failure of workerStats.failures.slice(0, 5)) console.log(`  ${failure}`);
  console.log(`Console errors: ${consoleApp.errors.length}`);
  for (const error of consoleApp.errors.slice(0, 5)) console.log(`  ${String(error).slice(0, 300)}`);
}

function printFigures(figures: ScheduleFigures) {
  const s = (summary: Summary | null) => (summary ? `${(summary.p50 / 1000).toFixed(2)} / ${(summary.p99 / 1000).toFixed(2)} / ${(summary.max / 1000).toFixed(2)} s` : "–");
  console.log("\n| Slot | runs | queued − scheduled p50 / p99 / max | claimed − scheduled p50 / p99 / max | not claimed |");
  console.log("|---|---|---|---|---|");
  for (const slot of figures.slots) {
    console.log(`| ${slot.slot.toISOString().slice(11, 16)} | ${slot.runs} | ${s(slot.queued)} | ${s(slot.claimed)} | ${slot.unclaimed} |`);
  }
  if (figures.queued) console.log(`\nQueued − scheduled, all slots: ${formatSummary(figures.queued)}`);
  if (figures.claimed) console.log(`Claimed − scheduled, all slots: ${formatSummary(figures.claimed)}`);
  console.log(`Expected (monitor, runner, slot): ${figures.expected} · missed ${figures.missed} · doubled ${figures.doubled} · ended in Error ${figures.errors}`);
  const p99 = figures.queued?.p99 ?? Infinity;
  console.log(`Targets: queue delay p99 ≤ ${TARGET_P99_MS} ms ${p99 <= TARGET_P99_MS ? "met" : "MISSED"}; 0 missed ${figures.missed === 0 ? "met" : "MISSED"}; 0 doubled ${figures.doubled === 0 ? "met" : "MISSED"}`);
}

/** Every monitor due first in the minute `first`, at its own second of it, as the console schedules. */
async function scheduleFirstSlot(pool: Pool, teamId: string, first: Date) {
  const { rows } = await pool.query<{ id: string; schedule: MonitorSchedule; timezone: string }>(
    "select id, schedule, timezone from monitors where team_id = $1",
    [teamId],
  );
  const justBefore = new Date(first.getTime() - 1);
  await pool.query(
    `update monitors set next_run_at = moved.next_run_at
     from unnest($1::uuid[], $2::timestamptz[]) as moved (id, next_run_at) where monitors.id = moved.id`,
    [rows.map((row) => row.id), rows.map((row) => nextRunAt(row, justBefore))],
  );
}
