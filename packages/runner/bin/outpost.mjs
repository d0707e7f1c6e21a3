#!/usr/bin/env node
// Placeholder for the `outpost` CLI: the runner agent (`outpost runner start`) is not built yet.
console.error("outpost: the runner agent is not available in this version yet.");
process.exit(1);
