#!/usr/bin/env node
// The whole test suite, as `pnpm test` runs it: type checks, the console build, unit, integration
// and end-to-end tests on the embedded database and on PostgreSQL, the browser tests against the
// built console, then the fault suite.
// Ends with one line `N passed, N failed` summed over every stage.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, scratchDatabase, withPostgres } from "./postgres.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const reports = fs.mkdtempSync(path.join(os.tmpdir(), "outpost-test-reports-"));
const totals = { passed: 0, failed: 0 };
const stages = [];

function run(command, args, env = {}) {
  console.log(`\n$ ${[command, ...args].join(" ")}`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", TURBO_TELEMETRY_DISABLED: "1", ...env },
  });
  return result.status === 0;
}

function record(stage, passed, failed) {
  totals.passed += passed;
  totals.failed += failed;
  stages.push(`${stage}: ${passed} passed, ${failed} failed`);
}

/** A step with no test count of its own (type check, build) counts as one check. */
function check(stage, command, args, env) {
  const ok = run(command, args, env);
  record(stage, ok ? 1 : 0, ok ? 0 : 1);
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

function vitest(stage, env, args = []) {
  const report = path.join(reports, `${stage.replace(/\W+/g, "-")}.json`);
  const ok = run("pnpm", ["exec", "vitest", "run", ...args, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`], env);
  const json = readJson(report);
  if (!json) return record(stage, 0, 1);
  // A crashed file counts as a failure even when no single test inside it reported one.
  const failedSuites = json.testResults.filter((file) => file.status === "failed" && file.assertionResults.length === 0);
  record(stage, json.numPassedTests, json.numFailedTests + failedSuites.length + (ok || json.numFailedTests ? 0 : 1));
}

async function playwright(stage, env = {}) {
  const report = path.join(reports, "playwright.json");
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!fs.existsSync(chromium)) {
    console.error(`\nBrowser tests need Debian's chromium at ${chromium} (apt-get install chromium), or CHROMIUM_PATH.`);
    return record(stage, 0, 1);
  }
  const ok = run("pnpm", ["--filter", "@outpost/console", "exec", "playwright", "test"], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: report,
    E2E_PORT: String(await freePort()),
    ...env,
  });
  const json = readJson(report);
  if (!json) return record(stage, 0, 1);
  const { expected, unexpected, flaky } = json.stats;
  record(stage, expected, unexpected + flaky + (ok || unexpected ? 0 : 1));
}

/** The built console in Chromium: every spec on the embedded database, the runner end to end on PostgreSQL too. */
async function browserTests(adminUrl) {
  if (!built) return record("playwright (chromium)", 0, 1);
  if (!adminUrl) return playwright("playwright (chromium)");
  const database = scratchDatabase(adminUrl, "outpost_e2e");
  try {
    await playwright("playwright (chromium)", { E2E_DATABASE_URL: database.url, E2E_POSTGRES_PORT: String(await freePort()) });
  } finally {
    database.drop();
  }
}

check("type check", "pnpm", ["exec", "turbo", "run", "typecheck", "--output-logs=errors-only"]);
// Built first: the end-to-end tests among the vitest files start the built console (and the compiled runner).
const built = check("console build", "pnpm", ["exec", "turbo", "run", "build", "--filter=@outpost/console", "--output-logs=errors-only"]);
vitest("vitest on PGlite", { OUTPOST_TEST_DB: "pglite" });
let browserTestsRan = false;
await withPostgres(async (adminUrl) => {
  vitest("vitest on PostgreSQL", { OUTPOST_TEST_DB: "postgres", TEST_DATABASE_URL: adminUrl });
  browserTestsRan = true;
  await browserTests(adminUrl);
}).catch((error) => {
  console.error(`\nPostgreSQL tests could not run: ${error.message}`);
  record("PostgreSQL", 0, 1);
});
if (!browserTestsRan) await browserTests();
// Last: the built console, runner processes and a PostgreSQL cluster of its own under kills,
// restarts and a network cut (docs/faults.md; `pnpm test:faults` runs it alone).
if (built) vitest("fault suite", {}, ["--config", "vitest.faults.config.ts"]);
else record("fault suite", 0, 1);

fs.rmSync(reports, { recursive: true, force: true });
console.log(`\n${stages.join("\n")}`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 ? 0 : 1);
