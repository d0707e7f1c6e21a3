#!/usr/bin/env node
// The fault suite, as `pnpm test:faults` runs it: the built console (`next start`), real runner
// processes and a PostgreSQL cluster of its own, under runner kills, console restarts, a network
// cut and database restarts (apps/console/src/faults, see docs/faults.md). About ten minutes.
// Ends with one line `N passed, N failed`, read from vitest's JSON report like scripts/test.mjs.
// FAULTS_CONSOLE_DIR: the built apps/console to start (default: this one); FAULTS_SEED,
// FAULTS_KILLS, FAULTS_CUT_MS: see docs/faults.md. Extra arguments go to vitest (e.g. a file).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const consoleDir = path.resolve(process.env.FAULTS_CONSOLE_DIR ?? path.join(root, "apps/console"));
if (!fs.existsSync(path.join(consoleDir, ".next", "BUILD_ID"))) {
  console.error(
    `The fault suite starts the built console, and ${consoleDir}/.next is missing:\n` +
      "build it first (pnpm exec turbo run build --filter=@outpost/console), or set FAULTS_CONSOLE_DIR to a built apps/console.",
  );
  console.log("0 passed, 1 failed");
  process.exit(1);
}

const reports = fs.mkdtempSync(path.join(os.tmpdir(), "outpost-faults-report-"));
const report = path.join(reports, "faults.json");
const startedAt = Date.now();
const result = spawnSync(
  "pnpm",
  ["exec", "vitest", "run", "--config", "vitest.faults.config.ts", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { cwd: root, stdio: "inherit", env: { ...process.env, FAULTS_CONSOLE_DIR: consoleDir, NEXT_TELEMETRY_DISABLED: "1" } },
);

let json;
try {
  json = JSON.parse(fs.readFileSync(report, "utf8"));
} catch {
  json = undefined;
}
fs.rmSync(reports, { recursive: true, force: true });
let passed = 0;
let failed = 1;
if (json) {
  // A crashed file counts as a failure even when no single test inside it reported one.
  const crashed = json.testResults.filter((file) => file.status === "failed" && file.assertionResults.length === 0).length;
  passed = json.numPassedTests;
  failed = json.numFailedTests + crashed + (result.status === 0 || json.numFailedTests ? 0 : 1);
}
console.log(`\nfault suite: ${Math.round((Date.now() - startedAt) / 1000)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
