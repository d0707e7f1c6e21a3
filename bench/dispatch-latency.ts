// Run now → first request at the target API, with 1 and with many connected runner instances.
// A benchmark, not a test: `pnpm bench:dispatch` (docs/benchmarks.md says how to read it).
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { startConsole, type ConsoleUnderTest } from "./support/console";
import { formatCpu, measureCpu, type CpuUse } from "./support/cpu";
import { createBenchDatabase, type BenchDatabase } from "./support/database";
import { createFleetRunners, createMeasuredMonitor } from "./support/dispatch-setup";
import { startFleet, type FleetStats, type InstanceCredentials } from "./support/fleet";
import { printMachine } from "./support/machine";
import { buildRunner, spawnRunner, type RunnerProcess } from "./support/runner-process";
import { formatSummary, mb, summarize, type Summary } from "./support/stats";
import { startTargetServer, type TargetServer } from "./support/target-server";

const { values } = parseArgs({
  options: {
    clicks: { type: "string", default: "200" },
    warmup: { type: "string", default: "10" },
    instances: { type: "string", default: "1,200" },
    "warm-sandboxes": { type: "string", default: "1" },
    /** Pause between a run's result and the next click; unset: 50–150 ms, clicks nearly back to back. */
    "pause-ms": { type: "string" },
  },
});
const clicks = Number(values.clicks);
const warmup = Number(values.warmup);
const scenarios = values.instances.split(",").map(Number);
const pauseMs = values["pause-ms"] === undefined ? undefined : Number(values["pause-ms"]);
/** Time for the fleet's claims to reach the gateway and settle into their re-check rhythm. */
const SETTLE_MS = 3_000;
/** How long the load of waiting claims alone is measured, before any click. */
const IDLE_MEASURE_MS = 5_000;
const STEP_TIMEOUT_MS = 30_000;

interface Measured {
  runNow: () => Promise<{ runIds: string[] }>;
  runnerId: string;
  runner: RunnerProcess;
  target: TargetServer;
  consoleApp: ConsoleUnderTest;
}

interface ScenarioResult {
  instances: number;
  firstRequest: Summary;
  mutation: Summary;
  consoleShare: Summary;
  runnerShare: Summary;
  idleCpu: CpuUse;
  clickingCpu: CpuUse;
  fleet: FleetStats | null;
  runnerRssBytes: number;
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${STEP_TIMEOUT_MS} ms waiting for ${what}`)), STEP_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Clicks Run now, one run at a time, and times each click until its request reaches the target,
 * split where the gateway answers the runner's waiting claim.
 */
async function clickRunNow({ runNow, runnerId, runner, target, consoleApp }: Measured) {
  const samples = { firstRequest: [] as number[], mutation: [] as number[], consoleShare: [] as number[], runnerShare: [] as number[] };
  for (let click = 0; click < warmup + clicks; click++) {
    const arrival = target.nextRequest();
    const clickedAt = performance.now();
    const { runIds } = await runNow();
    const queuedAt = performance.now();
    const arrivedAt = await withTimeout(arrival, "the run's request at the target");
    const claimAnsweredAt = consoleApp.claimAnsweredAt(runnerId);
    if (claimAnsweredAt === undefined || claimAnsweredAt < clickedAt) throw new Error("The run reached the target without a claim answered after the click");
    // A monitor's runs never overlap, so the next click waits for this run's result.
    await runner.waitForLog((line) => line.msg === "result delivered" && line.runId === runIds[0], STEP_TIMEOUT_MS);
    if (click >= warmup) {
      samples.firstRequest.push(arrivedAt - clickedAt);
      samples.mutation.push(queuedAt - clickedAt);
      samples.consoleShare.push(claimAnsweredAt - clickedAt);
      samples.runnerShare.push(arrivedAt - claimAnsweredAt);
    }
    // Someone clicks again a moment later, not in the millisecond the last result landed.
    await sleep(pauseMs ?? 50 + Math.random() * 100);
  }
  return {
    firstRequest: summarize(samples.firstRequest),
    mutation: summarize(samples.mutation),
    consoleShare: summarize(samples.consoleShare),
    runnerShare: summarize(samples.runnerShare),
  };
}

async function runScenario(instances: number, measured: Measured, database: BenchDatabase, fleetCredentials: InstanceCredentials[]) {
  const fleet = instances > 1 ? await startFleet(measured.consoleApp.url, fleetCredentials.slice(0, instances - 1)) : null;
  await sleep(SETTLE_MS);
  // PGlite has no server processes: its work is the console's.
  const processes = async () => {
    const serverPids = await database.serverPids();
    return {
      console: [process.pid],
      ...(serverPids.length > 0 && { database: serverPids }),
      runner: [measured.runner.pid],
      ...(fleet && { "simulated fleet": [fleet.pid] }),
    };
  };
  const idleSince = measureCpu(await processes());
  await sleep(IDLE_MEASURE_MS);
  const idleCpu = idleSince();
  const clickingSince = measureCpu(await processes());
  const latencies = await clickRunNow(measured);
  const clickingCpu = clickingSince();
  const fleetStats = fleet ? await fleet.stop() : null;
  return { instances, ...latencies, idleCpu, clickingCpu, fleet: fleetStats, runnerRssBytes: measured.runner.memory().rssBytes };
}

function report(result: ScenarioResult) {
  const simulated = result.instances - 1;
  console.log(`## ${result.instances} connected instance${result.instances === 1 ? "" : "s"} (the measured runner + ${simulated} simulated)`);
  console.log(`  Run now → first request at the target: ${formatSummary(result.firstRequest)}`);
  console.log(`  click → claim answered (console):       ${formatSummary(result.consoleShare)}`);
  console.log(`    of which the runNow mutation:         ${formatSummary(result.mutation)}`);
  console.log(`  claim answered → request (runner):     ${formatSummary(result.runnerShare)}`);
  console.log(`  CPU, claims waiting, no clicks: ${formatCpu(result.idleCpu)}`);
  console.log(`  CPU while clicking:             ${formatCpu(result.clickingCpu)}`);
  if (result.fleet) {
    const { registered, claimsAnswered, jobsReceived, failures } = result.fleet;
    console.log(`  Simulated instances: ${registered} registered, ${claimsAnswered} claims answered, ${jobsReceived} runs taken, ${failures.length} failures`);
    for (const failure of failures.slice(0, 3)) console.log(`    ${failure}`);
  }
  console.log(`  Measured runner's RSS afterwards: ${mb(result.runnerRssBytes)}`);
  console.log();
}

/** The figures of every scenario as one Markdown table, ready for docs/benchmarks.md. */
function printTable(results: ScenarioResult[]) {
  const core = (percent: number) => `${Math.max(0, percent).toFixed(0)}%`;
  const waitingLoad = ({ processes }: CpuUse) => core((processes.console ?? 0) + (processes.database ?? 0));
  console.log("| Connected instances | p50 | p99 | min | max | console share p50 / p99 | runner share p50 / p99 | console + database CPU, claims waiting | other CPU while clicking |");
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const { instances, firstRequest: f, consoleShare: c, runnerShare: r, idleCpu, clickingCpu } of results) {
    const cells = [
      String(instances),
      ...[f.p50, f.p99, f.min, f.max].map((value) => `${value.toFixed(1)} ms`),
      `${c.p50.toFixed(1)} / ${c.p99.toFixed(1)} ms`,
      `${r.p50.toFixed(1)} / ${r.p99.toFixed(1)} ms`,
      `${waitingLoad(idleCpu)} of a core`,
      `${core(clickingCpu.restPercentOfCore)} of a core`,
    ];
    console.log(`| ${cells.join(" | ")} |`);
  }
}

const database = await createBenchDatabase();
await printMachine("Run now → first request at the target API", database.description);
console.log(`${clicks} clicks per scenario after ${warmup} warm-up clicks; scenarios: ${scenarios.join(", ")} instances; runner compiled, --warm-sandboxes ${values["warm-sandboxes"]}; ${pauseMs === undefined ? "50–150 ms" : `${pauseMs} ms`} between a result and the next click\n`);
const target = await startTargetServer();
const consoleApp = await startConsole(database.console);
const monitor = await createMeasuredMonitor(database.console, target.url);
const fleetCredentials = await createFleetRunners(database.console, monitor.team, Math.max(...scenarios) - 1);
buildRunner();
const runner = spawnRunner({ url: consoleApp.url, ...monitor.runner, args: ["--warm-sandboxes", values["warm-sandboxes"]] });

try {
  await runner.waitForLog((line) => line.msg === "registered", STEP_TIMEOUT_MS);
  const measured = { runNow: monitor.runNow, runnerId: monitor.runner.runnerId, runner, target, consoleApp };
  const results: ScenarioResult[] = [];
  for (const instances of scenarios) {
    const result = await runScenario(instances, measured, database, fleetCredentials);
    report(result);
    results.push(result);
  }
  if (consoleApp.errors.length > 0) console.log(`Console errors: ${consoleApp.errors.length}, first: ${String(consoleApp.errors[0])}\n`);
  printTable(results);
} finally {
  await runner.stop();
  await consoleApp.close();
  await target.close();
  await database.close();
}
