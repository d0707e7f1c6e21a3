import { parseArgs } from "node:util";
import { CollectionFileError, executeCollectionFile, LOCAL_RUN_OPTIONS } from "../executor";
import { formatReport } from "./report";

/** Where a command writes; tests pass arrays, the CLI passes the process streams. */
export interface CommandIo {
  stdout(line: string): void;
  stderr(line: string): void;
}

export const processIo: CommandIo = {
  stdout: (line) => void process.stdout.write(`${line}\n`),
  stderr: (line) => void process.stderr.write(`${line}\n`),
};

export interface RunCommandOptions {
  /** Stops the run (e.g. on Ctrl-C); the report then shows it as Abort. */
  signal?: AbortSignal;
}

export const RUN_USAGE = [
  "Usage: outpost run <collection.json> [-e <environment.json>] [--insecure]",
  "",
  "Runs a Postman Collection v2.1 export once, here, and prints a report.",
  "  -e, --environment <file>  a Postman environment export",
  "  -k, --insecure            do not validate TLS certificates",
  "  -h, --help                show this help",
  "Exit code: 0 when the run is Successful, 1 otherwise.",
];

/**
 * `outpost run`: one local run of a collection file. `argv` is what follows the command name, e.g.
 * `runCommand(process.argv.slice(3), processIo)`. Resolves to the exit code; never throws for bad
 * input, which is reported on stderr.
 */
export async function runCommand(
  argv: readonly string[],
  io: CommandIo = processIo,
  options: RunCommandOptions = {},
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        environment: { type: "string", short: "e" },
        insecure: { type: "boolean", short: "k" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    return usageError(io, (err as Error).message);
  }
  if (parsed.values.help) {
    RUN_USAGE.forEach((line) => io.stdout(line));
    return 0;
  }
  const [collectionPath, ...extra] = parsed.positionals;
  if (!collectionPath) return usageError(io, "Missing the collection file.");
  if (extra.length > 0) return usageError(io, `Unexpected arguments: ${extra.join(" ")}`);

  try {
    const result = await executeCollectionFile(collectionPath, {
      environmentPath: parsed.values.environment,
      options: { ...LOCAL_RUN_OPTIONS, sslValidation: !parsed.values.insecure },
      signal: options.signal,
    });
    formatReport(result).forEach((line) => io.stdout(line));
    return result.outcome === "successful" ? 0 : 1;
  } catch (err) {
    if (err instanceof CollectionFileError) {
      io.stderr(`outpost run: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

function usageError(io: CommandIo, message: string): number {
  io.stderr(`outpost run: ${message}`);
  RUN_USAGE.forEach((line) => io.stderr(line));
  return 1;
}
