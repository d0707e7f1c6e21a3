// Server time of a monitor's results with 100,000 runs of that monitor, through the tRPC caller
// (every middleware, the membership and workspace checks, then the queries). A benchmark, not a
// test: `pnpm bench:results` on PostgreSQL (docs/benchmarks.md, "Results over 100,000 runs").
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import type { DatabaseHandle } from "@outpost/db";
import { callerFor } from "@outpost/api/testing/caller";
import { createBenchDatabase } from "./support/database";
import { printMachine } from "./support/machine";
import { seedResultsHistory } from "./support/results-history";
import { formatSummary, summarize, type Summary } from "./support/stats";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "100000" },
    "neighbour-runs": { type: "string", default: "100000" },
    /** Seconds between two scheduled times (each has one run per runner): 300 spreads 100,000 runs over 174 days. */
    "slot-seconds": { type: "string", default: "300" },
    calls: { type: "string", default: "200" },
    warmup: { type: "string", default: "20" },
    /** Print each scenario's query plans (EXPLAIN ANALYZE of its slowest statement). */
    plans: { type: "boolean", default: false },
  },
});
const calls = Number(values.calls);
const warmup = Number(values.warmup);
const TARGET_MS = 150;

// The results pages are measured on PostgreSQL unless a PGlite run is asked for explicitly.
process.env.OUTPOST_TEST_DB ??= "postgres";
const database = await createBenchDatabase();
await printMachine("Monitor results over 100,000 runs", database.description);
const pool = database.console.pool;
if (!pool) throw new Error("This benchmark needs PostgreSQL: set TEST_DATABASE_URL or OUTPOST_TEST_DB=postgres.");

const captured = captureStatements(pool);
try {
  console.log(`Seeding ${values.runs} runs of one monitor (two runners, every ${values["slot-seconds"]} s) and ${values["neighbour-runs"]} of four others…`);
  const history = await seedResultsHistory(database.console, pool, {
    runs: Number(values.runs),
    neighbourRuns: Number(values["neighbour-runs"]),
    slotSeconds: Number(values["slot-seconds"]),
  });
  const { rows } = history;
  console.log(`  ${rows.runs} runs, ${rows.executions} request executions, ${rows.assertions} assertions, ${rows.lines} console lines in ${history.loadSeconds.toFixed(0)} s\n`);

  const developerId = history.team.members.developer.id;
  const at = { workspaceId: history.team.w1.id, monitorId: history.monitor.id };
  // A new caller per call, as each browser request gets a new context (membership looked up again).
  const caller = () => callerFor(database.console.db, developerId);
  const latest = await caller().results.runs(at);
  const older = await caller().results.runs({ ...at, page: { kind: "older", before: latest.older! } });
  const someRun = latest.runs.find((run) => run.outcome === "successful")!;
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

  const scenarios: Array<{ name: string; call: () => Promise<unknown> }> = [
    { name: "Results page: summary, last 24 hours", call: () => caller().results.summary(at) },
    { name: "Results page: runs, latest page of 50", call: () => caller().results.runs(at) },
    { name: "Results page: filter options", call: () => caller().results.filterOptions(at) },
    {
      name: "Results page, all three in parallel (one page load)",
      call: () => Promise.all([caller().results.summary(at), caller().results.runs(at), caller().results.filterOptions(at)]),
    },
    { name: "Runs: next older page", call: () => caller().results.runs({ ...at, page: { kind: "older", before: older.older! } }) },
    { name: "Runs: Go to a date 150 days back", call: () => caller().results.runs({ ...at, page: { kind: "from", at: daysAgo(150) } }) },
    {
      name: "Runs: request filter + max formula",
      call: () => caller().results.runs({ ...at, filters: { request: "Request 2", formula: "max" } }),
    },
    {
      name: "Runs: result Abort (1 run in 1,000)",
      call: () => caller().results.runs({ ...at, filters: { outcome: "abort", formula: "average" } }),
    },
    { name: "Summary: last 7 days", call: () => caller().results.summary({ ...at, period: "7d" }) },
    { name: "Summary: last 30 days", call: () => caller().results.summary({ ...at, period: "30d" }) },
    {
      name: "Summary: last 30 days, request filter + sum",
      call: () => caller().results.summary({ ...at, period: "30d", filters: { request: "Request 2", formula: "sum" } }),
    },
    { name: "Run detail (Test Results + Console Log)", call: () => caller().results.run({ ...at, runId: someRun.id }) },
    { name: "Workspace dashboard (5 monitors)", call: () => caller().results.dashboard({ workspaceId: at.workspaceId }) },
  ];

  const results: Array<{ name: string; summary: Summary }> = [];
  for (const scenario of scenarios) {
    for (let i = 0; i < warmup; i++) await scenario.call();
    const samples: number[] = [];
    for (let i = 0; i < calls; i++) {
      const startedAt = performance.now();
      await scenario.call();
      samples.push(performance.now() - startedAt);
    }
    const summary = summarize(samples);
    results.push({ name: scenario.name, summary });
    console.log(`${scenario.name}\n  ${formatSummary(summary)}`);
    if (values.plans) await printPlans(pool, captured, scenario.call);
  }

  console.log(`\n| Call | p50 | p99 | max | within ${TARGET_MS} ms at p99 |`);
  console.log("|---|---|---|---|---|");
  for (const { name, summary } of results) {
    const cells = [name, ...[summary.p50, summary.p99, summary.max].map((ms) => `${ms.toFixed(1)} ms`), summary.p99 <= TARGET_MS ? "yes" : "no"];
    console.log(`| ${cells.join(" | ")} |`);
  }
} finally {
  await database.close();
}

type Pool = NonNullable<DatabaseHandle["pool"]>;
type Statement = { text: string; values?: unknown[] };

/** Records the statements sent through the pool while `on` is set, to explain them afterwards. */
function captureStatements(target: Pool) {
  const state = { on: false, statements: [] as Statement[] };
  const query = target.query.bind(target) as (...args: unknown[]) => Promise<unknown>;
  (target as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = (...args: unknown[]) => {
    const [first, second] = args;
    if (state.on) {
      if (typeof first === "string") state.statements.push({ text: first, values: Array.isArray(second) ? second : undefined });
      else if (first && typeof first === "object" && "text" in first) {
        const { text, values } = first as Statement;
        state.statements.push({ text, values: values ?? (Array.isArray(second) ? second : undefined) });
      }
    }
    return query(...args);
  };
  return state;
}

/** EXPLAIN ANALYZE of each statement one call of a scenario sends (the middleware's lookups left out). */
async function printPlans(target: Pool, captured: ReturnType<typeof captureStatements>, call: () => Promise<unknown>) {
  captured.statements = [];
  captured.on = true;
  await call();
  captured.on = false;
  for (const statement of captured.statements) {
    if (!/\b(runs|request_executions|assertions|console_lines)\b/.test(statement.text)) continue;
    const plan = await target.query<{ "QUERY PLAN": string }>({
      text: `explain (analyze, buffers) ${statement.text}`,
      values: statement.values,
    });
    console.log(plan.rows.map((row) => `    ${row["QUERY PLAN"]}`).join("\n"));
    console.log();
  }
}
