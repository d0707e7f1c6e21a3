import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const PRINT_RSS = "process.stdout.write(String(process.memoryUsage().rss))";

/** RSS of a fresh Node process started with `flags` after it ran `code`. */
function rssOf(flags: string[], code: string): number {
  return Number(execFileSync(process.execPath, [...flags, "-e", `${code};${PRINT_RSS}`], { encoding: "utf8" }));
}

/**
 * What an idle runner's memory is made of: Node itself, Node with the TypeScript loader the
 * `outpost` command registers (tsx, inherited from this process's flags), and Node with the
 * Postman engine the executor loads.
 */
export function measureRssBaselines() {
  const runnerRequire = createRequire(fileURLToPath(import.meta.resolve("@outpost/runner")));
  const engine = JSON.stringify(runnerRequire.resolve("postman-runtime"));
  return {
    node: rssOf([], ""),
    nodeWithTsx: rssOf(process.execArgv, ""),
    nodeWithEngine: rssOf([], `require(${engine})`),
  };
}
