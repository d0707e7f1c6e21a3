import { processIo, runCommand, RUN_USAGE } from "./run";
import { startCommand } from "./start";

const USAGE = [
  "Usage: outpost <command>",
  "",
  "Commands:",
  "  run <collection.json> [-e env.json]   run a collection once, here, and print a report",
  "  runner start --url … --id … --key …   start a private runner (see `outpost runner start --help`)",
  "",
  ...RUN_USAGE,
];

let closedPipesIgnored = false;

/**
 * `outpost … | head -1` closes the pipe while output is still coming; what is left has nowhere to
 * go, and that is not a crash. Other stream errors stay fatal.
 */
function ignoreClosedPipes() {
  if (closedPipesIgnored) return;
  closedPipesIgnored = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
    });
  }
}

/** The `outpost` command line. Resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  ignoreClosedPipes();
  const [command, ...rest] = argv;
  if (command === "run") {
    const controller = new AbortController();
    // Ctrl-C stops the run; the report then shows it as Abort.
    process.once("SIGINT", () => controller.abort(new Error("interrupted")));
    return runCommand(rest, processIo, { signal: controller.signal });
  }
  if (command === "runner" && rest[0] === "start") {
    return startCommand(rest.slice(1), processIo);
  }
  (command === undefined || command === "-h" || command === "--help" ? processIo.stdout : processIo.stderr)(USAGE.join("\n"));
  return command === undefined || command === "-h" || command === "--help" ? 0 : 2;
}
