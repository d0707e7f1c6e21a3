#!/usr/bin/env node
// The `outpost` command. The runner is TypeScript source; tsx compiles it as it loads.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
