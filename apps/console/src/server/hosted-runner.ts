import "server-only";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { createInterface } from "node:readline";
import { createHostedRunnerCredential, type HostedRunnerCredential } from "@outpost/api";

// The hosted runner executes Auto-select monitors. It is the same `outpost runner start` a team
// installs, run by the console as a child process: the console never loads the executor itself, and
// the child gets a minimal environment, so collection scripts run without the console's secrets.

type HostedRunnerState = { credential?: HostedRunnerCredential };
// One per process: route handlers and start-up code may each load their own copy of this module.
const state: HostedRunnerState = ((globalThis as { outpostHostedRunner?: HostedRunnerState }).outpostHostedRunner ??= {});

/** The credential the runner gateway accepts for this process's hosted runner (none when it is off). */
export const hostedRunnerCredential = () => state.credential;

export type HostedRunnerOptions = {
  /** Where this console process listens; the runner reaches it on loopback. */
  port: number;
  concurrency: number;
  /** Results not yet delivered wait here, across restarts. */
  dataDir: string;
  log: (line: string) => void;
};

const RESTART_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];
const STOP_GRACE_MS = 10_000;

/** Starts the hosted runner and keeps it running; `stop()` ends it with the console. */
export function startHostedRunner({ port, concurrency, dataDir, log }: HostedRunnerOptions) {
  const credential = createHostedRunnerCredential();
  state.credential = credential;
  const bin = locateRunnerBin();
  let child: ChildProcess | undefined;
  let stopping = false;
  let failures = 0;
  let restart: NodeJS.Timeout | undefined;

  async function launch() {
    await waitForPort(port, () => stopping);
    if (stopping) return;
    const startedAt = Date.now();
    const args = ["runner", "start", "--url", `http://127.0.0.1:${port}`, "--concurrency", String(concurrency), "--data-dir", dataDir];
    const launched = spawn(process.execPath, [bin, ...args], {
      env: {
        PATH: process.env.PATH ?? "",
        NODE_ENV: "production",
        OUTPOST_RUNNER_ID: credential.runnerId,
        OUTPOST_RUNNER_KEY: credential.key,
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    child = launched;
    createInterface({ input: launched.stderr! }).on("line", (line) => {
      const described = describeLogLine(line);
      if (described) log(described);
    });
    launched.on("exit", (code, signal) => {
      child = undefined;
      if (stopping) return;
      // A runner that ran for a while before it stopped starts again at once; one that keeps failing, less often.
      failures = Date.now() - startedAt > 60_000 ? 0 : failures + 1;
      const delay = RESTART_DELAYS_MS[Math.min(failures, RESTART_DELAYS_MS.length - 1)]!;
      log(`stopped (${signal ?? `exit code ${code}`}); starting again in ${delay / 1000} s`);
      restart = setTimeout(() => void launch(), delay);
    });
  }

  void launch();
  return {
    /** Lets the runner finish or hand back its runs, then makes sure it is gone. */
    async stop() {
      stopping = true;
      clearTimeout(restart);
      state.credential = undefined;
      const running = child;
      if (!running) return;
      const exited = new Promise<void>((resolve) => running.once("exit", () => resolve()));
      running.kill("SIGTERM");
      const timer = setTimeout(() => running.kill("SIGKILL"), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The runner's JSON log line as one readable line for the console's log; per-run progress is left out. */
function describeLogLine(line: string): string | null {
  try {
    const { time: _time, level, msg, ...fields } = JSON.parse(line) as Record<string, unknown>;
    if (level === "info" && !["registered", "stopped"].includes(String(msg))) return null;
    const details = Object.entries(fields).map(([name, value]) => `${name}=${typeof value === "string" ? value : JSON.stringify(value)}`);
    return [level === "info" ? "" : `${String(level)}:`, String(msg), ...details].filter(Boolean).join(" ");
  } catch {
    return line;
  }
}

/** `outpost` from the runner package the console is installed with. */
function locateRunnerBin(): string {
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", "@outpost", "runner", "bin", "outpost.mjs");
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error("The hosted runner cannot start: @outpost/runner is not installed.");
  }
}

/** Resolves once something accepts connections on the port (the console's own server, soon after start-up). */
async function waitForPort(port: number, cancelled: () => boolean) {
  while (!cancelled()) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ port, host: "127.0.0.1" });
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
