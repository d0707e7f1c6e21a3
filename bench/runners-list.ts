// Server time of Runner Settings' runner list for a team with 1,000 runners, through the tRPC
// caller (every middleware, the membership and team-admin checks, then the query). A benchmark,
// not a test: `pnpm bench:runners-list` (docs/benchmarks.md, "Runner list with 1,000 runners").
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { callerFor } from "@outpost/api/testing/caller";
import { createBenchDatabase } from "./support/database";
import { printMachine } from "./support/machine";
import { seedRunnerPopulation } from "./support/runner-population";
import { formatSummary, summarize, type Summary } from "./support/stats";

const { values } = parseArgs({
  options: {
    runners: { type: "string", default: "1000" },
    monitors: { type: "string", default: "5000" },
    /** Other teams of the same size, so the team's rows are a fraction of the table. */
    "other-teams": { type: "string", default: "4" },
    calls: { type: "string", default: "200" },
    warmup: { type: "string", default: "20" },
  },
});
const calls = Number(values.calls);
const warmup = Number(values.warmup);
const TARGET_MS = 150;

process.env.OUTPOST_TEST_DB ??= "postgres";
const database = await createBenchDatabase();
await printMachine(`Runner list with ${values.runners} runners`, database.description);
const pool = database.console.pool;
if (!pool) throw new Error("This benchmark needs PostgreSQL: set TEST_DATABASE_URL or OUTPOST_TEST_DB=postgres.");

try {
  const sizes = { runners: Number(values.runners), monitors: Number(values.monitors) };
  console.log(`Seeding ${1 + Number(values["other-teams"])} teams with ${sizes.runners} runners and ${sizes.monitors} monitors each…`);
  const { team } = await seedRunnerPopulation(database.console, pool, sizes);
  for (let i = 0; i < Number(values["other-teams"]); i++) await seedRunnerPopulation(database.console, pool, sizes);
  await pool.query("analyze");
  const { rows } = await pool.query("select (select count(*) from runners) runners, (select count(*) from runner_instances) instances, (select count(*) from monitors) monitors");
  console.log(`  ${Object.entries(rows[0]!).map(([name, count]) => `${count} ${name}`).join(", ")}\n`);

  // A new caller per call, as each browser request gets a new context (membership looked up again).
  const admin = () => callerFor(database.console.db, team.members.admin.id);
  const creatorId = team.members.admin.id;
  const scenarios: Array<{ name: string; call: () => Promise<unknown[]> }> = [
    { name: "All runners (page load)", call: () => admin().runner.list() },
    { name: "Page load: list + creators in parallel", call: async () => (await Promise.all([admin().runner.list(), admin().runner.creators()])).flat() },
    { name: "Search \"0042\" (one match)", call: () => admin().runner.list({ search: "0042" }) },
    { name: "Search \"eu-west\" (1 in 6)", call: () => admin().runner.list({ search: "eu-west" }) },
    { name: "Search with no match", call: () => admin().runner.list({ search: "nothing like this" }) },
    { name: "Health: Healthy", call: () => admin().runner.list({ health: "healthy" }) },
    { name: "Health: Unhealthy", call: () => admin().runner.list({ health: "unhealthy" }) },
    { name: "Health: Unknown", call: () => admin().runner.list({ health: "unknown" }) },
    { name: "Creator", call: () => admin().runner.list({ createdById: creatorId }) },
    { name: "Search + health + creator", call: () => admin().runner.list({ search: "us-", health: "healthy", createdById: creatorId }) },
  ];

  const results: Array<{ name: string; rows: number; summary: Summary }> = [];
  for (const scenario of scenarios) {
    for (let i = 0; i < warmup; i++) await scenario.call();
    const samples: number[] = [];
    let count = 0;
    for (let i = 0; i < calls; i++) {
      const startedAt = performance.now();
      count = (await scenario.call()).length;
      samples.push(performance.now() - startedAt);
    }
    const summary = summarize(samples);
    results.push({ name: scenario.name, rows: count, summary });
    console.log(`${scenario.name} (${count} rows)\n  ${formatSummary(summary)}`);
  }

  console.log(`\n| Call | rows | p50 | p99 | max | within ${TARGET_MS} ms at p99 |`);
  console.log("|---|---|---|---|---|---|");
  for (const { name, rows: count, summary } of results) {
    const cells = [name, String(count), ...[summary.p50, summary.p99, summary.max].map((ms) => `${ms.toFixed(1)} ms`), summary.p99 <= TARGET_MS ? "yes" : "no"];
    console.log(`| ${cells.join(" | ")} |`);
  }
} finally {
  await database.close();
}
