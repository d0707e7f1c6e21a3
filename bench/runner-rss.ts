// Runner memory: over 1,000 consecutive runs of the executor, and of a started-but-idle runner.
// A benchmark, not a test: `pnpm bench:runner-rss` (see docs/benchmarks.md).
import { fork } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createRunnerTeam } from "@outpost/api/testing/runner-fixtures";
import { startConsole } from "./support/console";
import { createBenchDatabase } from "./support/database";
import { printMachine } from "./support/machine";
import { measureRssBaselines } from "./support/rss-baselines";
import type { RssSample, RssWorkerMessage } from "./support/rss-worker";
import { buildRunner, spawnRunner } from "./support/runner-process";
import { mb } from "./support/stats";
import { startTargetServer } from "./support/target-server";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "1000" },
    every: { type: "string", default: "50" },
    requests: { type: "string", default: "10" },
    "idle-seconds": { type: "string", default: "10" },
  },
});
const WORKER = fileURLToPath(new URL("./support/rss-worker.ts", import.meta.url));

/** executeJob `runs` times in a fresh process started with --expose-gc; its memory every `every` runs. */
async function sampleExecutorMemory(targetUrl: string): Promise<RssSample[]> {
  const samples: RssSample[] = [];
  // The child inherits this process's flags (so it loads TypeScript the same way), plus --expose-gc.
  const child = fork(WORKER, [targetUrl, values.runs, values.every, values.requests], {
    execArgv: [...process.execArgv, "--expose-gc"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.on("message", (message: RssWorkerMessage) => {
      if (message.type === "sample") {
        samples.push(message.sample);
        const { run, rssBytes, heapUsedBytes } = message.sample;
        console.log(`  after run ${String(run).padStart(4)}: RSS ${mb(rssBytes).padStart(9)} · heapUsed ${mb(heapUsedBytes).padStart(8)}`);
      } else if (message.type === "failed") reject(new Error(message.message));
    });
    child.on("exit", (code) => (code === 0 ? resolve(samples) : reject(new Error(`The executor process exited with code ${code}`))));
  });
}

/** RSS of a real `outpost runner start`, connected to a gateway and idle for `idleSeconds`. */
async function measureIdleRunner(idleSeconds: number, warmSandboxes: number) {
  const database = await createBenchDatabase();
  const consoleApp = await startConsole(database.console);
  const team = await createRunnerTeam(database.console);
  const { runner, key } = await team.as("admin").runner.create({ name: "Idle", description: "", source: "runner_settings" });
  const idleRunner = spawnRunner({ url: consoleApp.url, runnerId: runner.id, key, args: ["--warm-sandboxes", String(warmSandboxes)] });
  try {
    await idleRunner.waitForLog((line) => line.msg === "registered", 30_000);
    await sleep(idleSeconds * 1000);
    return { ...idleRunner.memory(), database: database.description };
  } finally {
    await idleRunner.stop();
    await consoleApp.close();
    await database.close();
  }
}

const change = (from: number, to: number) => `${to >= from ? "+" : ""}${(((to - from) / from) * 100).toFixed(1)}%`;

/** First vs last, and how far the series strays once warm (from the first sample after run 1 on). */
function reportTrend(name: string, samples: RssSample[], value: (sample: RssSample) => number) {
  const first = samples.find((sample) => sample.run === 1)!;
  const warm = samples.filter((sample) => sample.run > 1);
  const [start, last] = [warm[0]!, warm[warm.length - 1]!];
  const values = warm.map(value);
  const [low, high] = [Math.min(...values), Math.max(...values)];
  console.log(
    `  ${name}: run 1 → ${last.run}: ${mb(value(first))} → ${mb(value(last))} (${change(value(first), value(last))}); ` +
      `runs ${start.run}–${last.run}: ${mb(low)} to ${mb(high)} (${change(value(start), low)} / ${change(value(start), high)} of run ${start.run}), last ${change(value(start), value(last))}`,
  );
}

await printMachine("Runner memory", "only behind the idle runner's gateway (named with its figures)");
const target = await startTargetServer();
console.log(`## executeJob, ${values.runs} consecutive runs of a ${values.requests}-request collection, in a fresh process (--expose-gc)`);
let samples: RssSample[];
try {
  samples = await sampleExecutorMemory(target.url);
} finally {
  await target.close();
}
reportTrend("RSS", samples, (sample) => sample.rssBytes);
reportTrend("heapUsed", samples, (sample) => sample.heapUsedBytes);
console.log();

const idleSeconds = Number(values["idle-seconds"]);
buildRunner();
console.log(`## outpost runner start (compiled), registered and idle for ${idleSeconds} s (VmRSS from /proc)`);
for (const warmSandboxes of [1, 0]) {
  const idle = await measureIdleRunner(idleSeconds, warmSandboxes);
  console.log(
    `  --warm-sandboxes ${warmSandboxes}${warmSandboxes === 1 ? " (default)" : ""}: RSS ${mb(idle.rssBytes)} · peak (VmHWM) ${mb(idle.peakBytes)}; its gateway on ${idle.database}`,
  );
}
const baselines = measureRssBaselines();
console.log(
  `  For comparison, fresh processes: Node alone ${mb(baselines.node)} · Node with tsx ${mb(baselines.nodeWithTsx)} · ` +
    `Node with postman-runtime loaded ${mb(baselines.nodeWithEngine)}`,
);
