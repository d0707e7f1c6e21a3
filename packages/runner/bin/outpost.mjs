#!/usr/bin/env node
// The `outpost` command. It runs the compiled runner (dist/, from `pnpm build`) when that is at
// least as new as every source file it was built from; otherwise the TypeScript source through
// tsx, so a checkout being worked on never runs a stale build.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const compiled = path.join(packageDir, "dist", "outpost.mjs");

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function compiledIsCurrent() {
  if (!fs.existsSync(compiled)) return false;
  const contracts = path.dirname(fileURLToPath(import.meta.resolve("@outpost/contracts")));
  const sources = Math.max(newestSource(path.join(packageDir, "src")), newestSource(contracts));
  return fs.statSync(compiled).mtimeMs >= sources;
}

let main;
if (compiledIsCurrent()) {
  ({ main } = await import(compiled));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../src/cli/main.ts"));
}
process.exitCode = await main(process.argv.slice(2));
