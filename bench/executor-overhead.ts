// Per-request overhead of our executor (executeJob) next to `newman run`, same collection, same
// server, one process. A benchmark, not a test: `pnpm bench:executor` (see docs/benchmarks.md).
import http from "node:http";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import newman from "newman";
import { executeJob } from "@outpost/runner";
import { getCollection } from "./support/collections";
import { formatCpu, measureCpu } from "./support/cpu";
import { DEFAULT_RUN_OPTIONS } from "./support/job-options";
import { printMachine } from "./support/machine";
import { formatSummary, summarize } from "./support/stats";
import { startTargetServer } from "./support/target-server";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "50" },
    warmup: { type: "string", default: "20" },
    requests: { type: "string", default: "100" },
    /** The same requests with no script at all, to separate the engine's cost from the sandbox's. */
    "without-tests": { type: "boolean", default: false },
  },
});
const withTests = !values["without-tests"];
const runs = Number(values.runs);
const warmup = Number(values.warmup);
const requestCount = Number(values.requests);

type Contender = { name: string; run: () => Promise<void> };

const target = await startTargetServer();
const collection = getCollection("Overhead", target.url, requestCount, { withTests });

const executor: Contender = {
  name: "executeJob",
  async run() {
    const result = await executeJob({ collection, environment: [], options: DEFAULT_RUN_OPTIONS });
    const assertions = result.executions.flatMap((execution) => execution.assertions);
    const clean = assertions.length === (withTests ? requestCount : 0) && assertions.every((assertion) => assertion.passed);
    if (result.outcome !== "successful" || result.requestCount !== requestCount || !clean) {
      throw new Error(`executeJob did not run the collection cleanly: ${result.outcome}, ${result.requestCount} requests, ${result.errorMessage}`);
    }
  },
};

const newmanRun: Contender = {
  name: "newman.run",
  run: () =>
    new Promise((resolve, reject) => {
      newman.run({ collection, reporters: [] }, (error, summary) => {
        const { requests, assertions } = summary?.run.stats ?? {};
        if (error || requests?.total !== requestCount || assertions?.failed !== 0) {
          return reject(error ?? new Error(`newman did not run the collection cleanly: ${requests?.total} requests, ${assertions?.failed} failed assertions`));
        }
        resolve();
      });
    }),
};

/** The floor: the same requests with plain Node HTTP on one keep-alive agent, no engine, no scripts. */
const plainHttp: Contender = {
  name: "plain node:http",
  async run() {
    const agent = new http.Agent({ keepAlive: true });
    for (let index = 1; index <= requestCount; index++) {
      await new Promise<void>((resolve, reject) => {
        http.get(`${target.url}/items/${index}`, { agent }, (response) => response.resume().on("end", resolve)).on("error", reject);
      });
    }
    agent.destroy();
  },
};

const contenders = [executor, newmanRun, plainHttp];
const timings = new Map<Contender, number[]>(contenders.map((contender) => [contender, []]));

await printMachine("Executor overhead: executeJob vs newman run", "none (no console involved)");
const scripts = withTests ? "one pm.test each" : "no scripts";
console.log(`A ${requestCount}-request collection (GET to 127.0.0.1, ${scripts}), ${runs} measured runs each after ${warmup} warm-up runs each.\n`);
const cpuSince = measureCpu({ benchmark: [process.pid] });
try {
  for (let round = 0; round < warmup + runs; round++) {
    // Take turns, and rotate who goes first, so neither gains from running right after the other.
    const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]!);
    for (const contender of order) {
      const startedAt = performance.now();
      await contender.run();
      if (round >= warmup) timings.get(contender)!.push(performance.now() - startedAt);
    }
  }
} finally {
  await target.close();
}
console.log(`CPU over all rounds: ${formatCpu(cpuSince())}\n`);

const perRun = new Map(contenders.map((contender) => [contender, summarize(timings.get(contender)!)]));
const perRequest = (value: number) => `${(value / requestCount).toFixed(2)} ms`;
for (const contender of contenders) {
  const summary = perRun.get(contender)!;
  console.log(`## ${contender.name}`);
  console.log(`  per run:     ${formatSummary(summary)}`);
  console.log(`  per request: ${formatSummary(summary, perRequest)}`);
  console.log();
}

const floor = perRun.get(plainHttp)!;
console.log(`| | run p50 | run p99 | per request p50 | per request p99 | per request above plain HTTP (p50) |`);
console.log(`|---|---|---|---|---|---|`);
for (const contender of contenders) {
  const { p50, p99 } = perRun.get(contender)!;
  const cells = [p50.toFixed(1) + " ms", p99.toFixed(1) + " ms", perRequest(p50), perRequest(p99), perRequest(p50 - floor.p50)];
  console.log(`| ${contender.name} | ${cells.join(" | ")} |`);
}
const ours = perRun.get(executor)!;
const theirs = perRun.get(newmanRun)!;
console.log(`\nexecuteJob / newman: ${(ours.p50 / theirs.p50).toFixed(2)}× at p50, ${(ours.p99 / theirs.p99).toFixed(2)}× at p99`);
