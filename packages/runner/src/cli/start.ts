import { startAgent, type Agent, type LogEntry } from "../agent/agent";
import { createConsoleDispatcher, describeProxy, proxySecrets } from "../agent/console-connection";
import { DataDirError, lockDataDir, type DataDirLock } from "../agent/data-dir";
import { openOutbox, OUTBOX_LIMIT } from "../agent/outbox";
import { MetricsServerError, startMetricsServer, type MetricsServer } from "../metrics/metrics-server";
import { installSandboxSpares } from "../executor/sandbox-spares";
import { createRunnerMetrics } from "../metrics/runner-metrics";
import { processIo, type CommandIo } from "./run";
import { parseStartArgs, type StartConfig } from "./start-options";
import { readPemCertificates, TrustedCaError, trustedCaWith } from "./trusted-ca";

export const START_USAGE = [
  "Usage: outpost runner start --url <console URL> --id <runner ID> --key <runner key> [options]",
  "",
  "Starts a private runner: it registers with the console and runs the monitors queued for this runner.",
  "  --url <url>                  the console's address, http(s)://…     (or env OUTPOST_URL)",
  "  --id <uuid>                  the runner ID from Runner settings      (or env OUTPOST_RUNNER_ID)",
  "  --key <key>                  the runner key, opk_…                   (or env OUTPOST_RUNNER_KEY,",
  "                               which keeps it out of the process list)",
  "  --concurrency <n>            runs executed at once, 1 to 16 (default 2)",
  "  --warm-sandboxes <n>         script sandboxes kept booted for the next runs, 0 to 16 (default 1):",
  "                               a run starts about 100 ms sooner; each costs about 45 MB of memory",
  "  --proxy <url>                proxy to the console, http(s)://[user:pass@]host:port; without it",
  "                               HTTPS_PROXY, HTTP_PROXY and NO_PROXY apply (lower-case too).",
  "                               Collection requests never use a proxy.",
  "  --ssl-extra-ca-certs <file>  PEM file of CA certificates to trust besides Node's, for the",
  "                               console and for collection requests",
  "  --data-dir <dir>             where results wait until the console has them (the outbox)",
  "                               (or env OUTPOST_RUNNER_DATA_DIR; default ~/.outpost/runner/<ID>).",
  "                               One runner process per directory.",
  "  --metrics                    serve GET /metrics (Prometheus) and GET /health/live over HTTP",
  "  --metrics-port <n>           their port (default 9090)",
  "  --metrics-host <address>     their address (default 127.0.0.1; 0.0.0.0 to scrape them from",
  "                               elsewhere, e.g. from outside a container)",
  "  -h, --help                   show this help",
  "Every result is written to the outbox before it is sent, and removed once the console has it; a",
  `runner started again on the same data directory delivers what is left. With ${OUTBOX_LIMIT.toLocaleString("en")} results`,
  "waiting, it claims no new runs until some are delivered.",
  "Logs are JSON lines on stderr. SIGINT/SIGTERM: stop claiming, let running runs finish (up to 20 s,",
  "then abort them), deliver results for up to 5 s, exit 0; what is not delivered stays in the outbox.",
  "A second signal exits at once.",
  "Exit codes: 0 stopped, 2 bad usage or an unusable setting (CA file, data directory, metrics port),",
  "3 the console no longer accepts this runner's ID and key.",
];

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  /** Where stop() is wired; the CLI passes process signals, tests can call it themselves. */
  onAgent?: (agent: Agent) => void;
}

/**
 * A log function writing JSON lines. Secrets (the key, proxy credentials) are redacted as a second
 * line of defence, raw and as JSON escapes them.
 */
export function jsonLogger(io: CommandIo, secrets: readonly string[]) {
  const hidden = [...new Set(secrets.filter(Boolean).flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)]))];
  // Longest first, so a secret that contains another is hidden whole.
  hidden.sort((a, b) => b.length - a.length);
  return (entry: LogEntry) => {
    let line = JSON.stringify({ time: new Date().toISOString(), ...entry });
    for (const secret of hidden) line = line.split(secret).join("[redacted]");
    io.stderr(line);
  };
}

/** `outpost runner start`. Resolves to the exit code. */
export async function startCommand(argv: readonly string[], io: CommandIo = processIo, options: StartOptions = {}): Promise<number> {
  const env = options.env ?? process.env;
  const parsed = parseStartArgs(argv, env);
  if ("error" in parsed) return usageError(io, parsed.error);
  if ("help" in parsed) {
    START_USAGE.forEach((line) => io.stdout(line));
    return 0;
  }
  const { config } = parsed;
  let trustedCa: string[] | undefined;
  try {
    trustedCa = config.extraCaFile ? trustedCaWith(readPemCertificates(config.extraCaFile), env) : undefined;
  } catch (error) {
    if (error instanceof TrustedCaError) return settingError(io, `--ssl-extra-ca-certs: ${error.message}`);
    throw error;
  }
  let lock: DataDirLock;
  try {
    lock = lockDataDir(config.dataDir);
  } catch (error) {
    if (error instanceof DataDirError) return settingError(io, error.message);
    throw error;
  }
  // A second signal ends the process with process.exit: the lock must not outlive it.
  process.once("exit", lock.release);
  try {
    return await runAgent(config, trustedCa, lock, io, options);
  } finally {
    process.removeListener("exit", lock.release);
    lock.release();
  }
}

async function runAgent(config: StartConfig, trustedCa: string[] | undefined, lock: DataDirLock, io: CommandIo, options: StartOptions) {
  const log = jsonLogger(io, [config.key, ...proxySecrets(config.proxy)]);
  let outbox;
  try {
    outbox = openOutbox({ dataDir: lock.directory, runnerId: config.runnerId, log });
  } catch (error) {
    return settingError(io, `Cannot use the data directory ${lock.directory}: ${(error as Error).message}`);
  }
  const metrics = createRunnerMetrics();
  let metricsServer: MetricsServer | null = null;
  try {
    metricsServer = config.metricsEndpoint && (await startMetricsServer({ ...config.metricsEndpoint, render: metrics.render }));
  } catch (error) {
    if (error instanceof MetricsServerError) return settingError(io, `--metrics: ${error.message}`);
    throw error;
  }
  const dispatcher = createConsoleDispatcher({ proxy: config.proxy, ca: trustedCa });
  const consoleUrl = new URL(config.url);
  log({
    level: "info",
    msg: "starting",
    console: consoleUrl.origin,
    proxy: describeProxy(consoleUrl.protocol === "https:" ? config.proxy.httpsProxy : config.proxy.httpProxy),
    noProxy: config.proxy.noProxy || undefined,
    extraCaCerts: config.extraCaFile ?? undefined,
    dataDir: lock.directory,
    outbox: outbox.size(),
    metrics: metricsServer?.url,
    concurrency: config.concurrency,
    warmSandboxes: config.warmSandboxes,
  });
  const { url, runnerId, key, concurrency } = config;
  const spares = config.warmSandboxes > 0 ? installSandboxSpares(config.warmSandboxes) : null;
  const agent = startAgent({ url, runnerId, key, concurrency, log, outbox, dispatcher, trustedCa, metrics });
  if (options.onAgent) options.onAgent(agent);
  else stopOnSignals(agent);
  try {
    return await agent.done;
  } finally {
    // A booted sandbox is a worker thread: it would keep the process alive.
    await spares?.close();
    await metricsServer?.close();
    await dispatcher.destroy();
  }
}

function stopOnSignals(agent: Agent) {
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    // The first signal drains; a second one means "now" (e.g. a stuck run).
    if (++signals > 1) process.exit(signal === "SIGINT" ? 130 : 143);
    void agent.stop();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

function usageError(io: CommandIo, message: string): number {
  io.stderr(`outpost runner start: ${message}`);
  io.stderr("Run `outpost runner start --help` for usage.");
  return 2;
}

/** A setting that parses but cannot be used here (a file, a directory, a port): no usage hint. */
function settingError(io: CommandIo, message: string): number {
  io.stderr(`outpost runner start: ${message}`);
  return 2;
}
