// The built console as its own process (`next start`), the way an operator runs it: its dispatch
// loop, its runner gateway and its database pool are the real ones, and it can be SIGKILLed.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { until } from "../../test-support/until";

const defaultConsoleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** The console to start: FAULTS_CONSOLE_DIR (a built apps/console, e.g. of another worktree), else this one. */
export function consoleDir(): string {
  const dir = path.resolve(process.env.FAULTS_CONSOLE_DIR ?? defaultConsoleDir);
  if (!fs.existsSync(path.join(dir, ".next", "BUILD_ID"))) {
    throw new Error(
      `The fault suite needs a built console: ${dir}/.next is missing. Run \`pnpm --filter @outpost/console build\`, or point FAULTS_CONSOLE_DIR at a built apps/console.`,
    );
  }
  return dir;
}

export type ConsoleProcess = {
  url: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** SIGTERM (a clean shutdown) or SIGKILL (a crash); resolves once the process is gone. */
  stop: (signal?: "SIGTERM" | "SIGKILL") => Promise<number | null>;
};

/** One installation's fixed settings: a restarted console keeps its secrets, data folder and port. */
export function consoleSettings(databaseUrl: string, port: number): { port: number; dataDir: string; env: Record<string, string> } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "outpost-faults-console-"));
  return {
    port,
    dataDir,
    env: {
      PORT: String(port),
      OUTPOST_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: databaseUrl,
      OUTPOST_DATA_DIR: dataDir,
      AUTH_SECRET: randomBytes(32).toString("hex"),
      OUTPOST_SECRET_KEY: randomBytes(32).toString("base64"),
      OUTPOST_HOSTED_RUNNER: "off",
      OUTPOST_SEED_DEMO: "false",
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
    },
  };
}
export type ConsoleSettings = ReturnType<typeof consoleSettings>;

/** Starts `next start` and waits until the console has migrated its database and answers HTTP. */
export async function startConsole(settings: ConsoleSettings, timeoutMs = 60_000): Promise<ConsoleProcess> {
  const dir = consoleDir();
  const nextBin = createRequire(path.join(dir, "package.json")).resolve("next/dist/bin/next");
  const child = spawn(process.execPath, [nextBin, "start", "--hostname", "127.0.0.1", "--port", String(settings.port)], {
    cwd: dir,
    env: { ...process.env, ...settings.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${settings.port}`;
  const alive = () => child.exitCode === null && child.signalCode === null;

  await until("the console to be ready", timeoutMs, async () => {
    if (!alive()) throw new Error(`The console exited on start:\n${output.slice(-4000)}`);
    // The ready line comes once the database is migrated; instrumentation runs before the first request.
    if (!output.includes("Outpost console is ready")) {
      await fetch(`${url}/sign-in`).catch(() => undefined);
      return undefined;
    }
    const response = await fetch(`${url}/sign-in`).catch(() => undefined);
    return response?.ok ? true : undefined;
  });

  return {
    url,
    port: settings.port,
    child,
    output: () => output,
    exited,
    async stop(signal = "SIGTERM") {
      if (!alive()) return exited;
      child.kill(signal);
      // A clean shutdown that hangs (on a database that is away, say) must not hang the suite.
      const hung = setTimeout(() => child.kill("SIGKILL"), 20_000);
      try {
        return await exited;
      } finally {
        clearTimeout(hung);
      }
    },
  };
}
