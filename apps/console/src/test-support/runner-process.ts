// The real `outpost` CLI as a child process. The console must not import the runner, so end-to-end
// tests spawn it and read what it says on stderr.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { until } from "./until";

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../packages/runner/bin/outpost.mjs");

/** One line of the runner's log: JSON on stderr. */
export type RunnerLogLine = { level: string; msg: string; [field: string]: unknown };

export type RunnerProcess = {
  child: ChildProcess;
  output: { stdout: string; stderr: string };
  /** The exit code; null when a signal ended the process. */
  exited: Promise<number | null>;
  /** The complete log lines written so far. */
  logs: () => RunnerLogLine[];
  /** Waits for the "registered" line and answers the instance id it names. */
  registered: (timeoutMs?: number) => Promise<string>;
};

const spawned: Array<{ child: ChildProcess; exited: Promise<unknown>; dataDir: string }> = [];

/**
 * `outpost runner start --url <consoleUrl> ...args`, with its output collected. Each process gets a
 * fresh data directory of its own (one process per directory, and never the user's home), unless
 * `--data-dir` or OUTPOST_RUNNER_DATA_DIR in `env` names one.
 */
export function spawnRunner(consoleUrl: string, args: string[], env: Record<string, string> = {}): RunnerProcess {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "outpost-runner-e2e-"));
  const child = spawn(process.execPath, [bin, "runner", "start", "--url", consoleUrl, ...args], {
    env: { ...process.env, OUTPOST_RUNNER_DATA_DIR: dataDir, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = { stdout: "", stderr: "" };
  child.stdout!.on("data", (chunk) => (output.stdout += chunk));
  child.stderr!.on("data", (chunk) => (output.stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  spawned.push({ child, exited, dataDir });
  // A line still being written has no newline yet.
  const logs = () => output.stderr.split("\n").slice(0, -1).map((line) => JSON.parse(line) as RunnerLogLine);
  const registered = (timeoutMs = 15_000) =>
    until("the runner to register", timeoutMs, () => {
      const line = logs().find((entry) => entry.msg === "registered");
      return typeof line?.instanceId === "string" ? line.instanceId : undefined;
    });
  return { child, output, exited, logs, registered };
}

/**
 * SIGKILLs every runner still running, so a failed test leaves no process behind, and removes the
 * data directories made for them once they are gone. For afterAll.
 */
export async function killRunners() {
  const all = spawned.splice(0);
  for (const { child } of all) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await Promise.all(
    all.map(async ({ exited, dataDir }) => {
      await exited;
      await fs.promises.rm(dataDir, { recursive: true, force: true });
    }),
  );
}
