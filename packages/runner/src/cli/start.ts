import { parseArgs } from "node:util";
import { isWellFormedRunnerKey } from "@outpost/contracts";
import { z } from "zod";
import { startAgent, type Agent, type LogEntry } from "../agent/agent";
import { processIo, type CommandIo } from "./run";

export const START_USAGE = [
  "Usage: outpost runner start --url <console URL> --id <runner ID> --key <runner key> [--concurrency <n>]",
  "",
  "Starts a private runner: it registers with the console and runs the monitors queued for this runner.",
  "  --url <url>           the console's address, http(s)://…          (or env OUTPOST_URL)",
  "  --id <uuid>           the runner ID from Runner settings           (or env OUTPOST_RUNNER_ID)",
  "  --key <key>           the runner key, opk_…                        (or env OUTPOST_RUNNER_KEY,",
  "                        which keeps it out of the process list)",
  "  --concurrency <n>     runs executed at once, 1 to 16 (default 2)",
  "  -h, --help            show this help",
  "Not supported yet (refused with a message, nothing is ignored silently):",
  "  --proxy, --ssl-extra-ca-certs, --metrics, --metrics-port, --data-dir",
  "  Results are kept in memory only: a runner stopped while the console is unreachable loses them.",
  "Logs are JSON lines on stderr. SIGINT/SIGTERM: stop claiming, let running runs finish (up to 20 s,",
  "then abort them), deliver their results, exit 0. A second signal exits at once.",
  "Exit codes: 0 stopped, 2 bad usage, 3 the console no longer accepts this runner's ID and key.",
];

const UNSUPPORTED = ["proxy", "ssl-extra-ca-certs", "metrics", "metrics-port", "data-dir"] as const;

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  /** Where stop() is wired; the CLI passes process signals, tests can call it themselves. */
  onAgent?: (agent: Agent) => void;
}

/** A log function writing JSON lines; the key is redacted as a second line of defence. */
export function jsonLogger(io: CommandIo, key: string) {
  return (entry: LogEntry) => io.stderr(JSON.stringify({ time: new Date().toISOString(), ...entry }).split(key).join("[redacted]"));
}

/** `outpost runner start`. Resolves to the exit code. */
export async function startCommand(argv: readonly string[], io: CommandIo = processIo, options: StartOptions = {}): Promise<number> {
  const env = options.env ?? process.env;
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        url: { type: "string" },
        id: { type: "string" },
        key: { type: "string" },
        concurrency: { type: "string" },
        help: { type: "boolean", short: "h" },
        proxy: { type: "string" },
        "ssl-extra-ca-certs": { type: "string" },
        metrics: { type: "boolean" },
        "metrics-port": { type: "string" },
        "data-dir": { type: "string" },
      },
    }));
  } catch (err) {
    return usageError(io, (err as Error).message);
  }
  if (values.help) {
    START_USAGE.forEach((line) => io.stdout(line));
    return 0;
  }
  const unsupported = UNSUPPORTED.filter((name) => values[name] !== undefined);
  if (unsupported.length > 0) return usageError(io, `${unsupported.map((n) => `--${n}`).join(", ")}: not supported yet in this version.`);

  const url = values.url ?? env.OUTPOST_URL ?? "";
  const runnerId = values.id ?? env.OUTPOST_RUNNER_ID ?? "";
  const key = values.key ?? env.OUTPOST_RUNNER_KEY ?? "";
  const concurrencyText = values.concurrency ?? "2";
  if (!url) return usageError(io, "Missing --url (or OUTPOST_URL): the console's address.");
  if (!/^https?:$/.test(safeUrl(url)?.protocol ?? "")) return usageError(io, "--url must be an http:// or https:// address.");
  if (!runnerId) return usageError(io, "Missing --id (or OUTPOST_RUNNER_ID): the runner ID from Runner settings.");
  if (!z.uuid().safeParse(runnerId).success) return usageError(io, "--id must be the runner ID (a UUID) from Runner settings.");
  if (!key) return usageError(io, "Missing --key (or OUTPOST_RUNNER_KEY): the runner key from Runner settings.");
  // The value is never echoed: a mistyped key is still mostly a secret.
  if (!isWellFormedRunnerKey(key)) return usageError(io, "--key is not a runner key (opk_…): copy it again from Runner settings.");
  const concurrency = Number(concurrencyText);
  if (!/^\d+$/.test(concurrencyText) || concurrency < 1 || concurrency > 16) return usageError(io, "--concurrency must be a whole number from 1 to 16.");

  const agent = startAgent({ url, runnerId, key, concurrency, log: jsonLogger(io, key) });
  if (options.onAgent) options.onAgent(agent);
  else {
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      // The first signal drains; a second one means "now" (e.g. a stuck delivery).
      if (++signals > 1) process.exit(signal === "SIGINT" ? 130 : 143);
      void agent.stop();
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  }
  return agent.done;
}

function safeUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

function usageError(io: CommandIo, message: string): number {
  io.stderr(`outpost runner start: ${message}`);
  io.stderr("Run `outpost runner start --help` for usage.");
  return 2;
}
