import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** One JSON line of the runner's log (stderr). */
export interface RunnerLogLine {
  msg: string;
  runId?: string;
  [field: string]: unknown;
}

type Waiter = { match: (line: RunnerLogLine) => boolean; resolve: (line: RunnerLogLine) => void; reject: (error: Error) => void };

function runnerPackageDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.resolve("@outpost/runner")));
  while (!fs.existsSync(path.join(dir, "package.json"))) dir = path.dirname(dir);
  return dir;
}

/** The `outpost` executable, found through the runner package's own manifest. */
function runnerBin(): string {
  const dir = runnerPackageDir();
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { bin: { outpost: string } };
  return path.join(dir, manifest.bin.outpost);
}

/** Builds the runner as it ships (dist/outpost.mjs, no TypeScript loader), which `outpost` then runs. */
export function buildRunner() {
  execFileSync(process.execPath, ["build.mjs"], { cwd: runnerPackageDir(), stdio: "inherit" });
}

/** VmRSS and VmHWM (peak) of a process, from Linux's /proc. */
export function readProcessMemory(pid: number): { rssBytes: number; peakBytes: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kilobytes = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return { rssBytes: kilobytes("VmRSS") * 1024, peakBytes: kilobytes("VmHWM") * 1024 };
}

/**
 * The real `outpost runner start` in its own process, with the key in the environment as
 * documented and its outbox in a temporary directory that goes with it.
 */
export function spawnRunner({ url, runnerId, key, args = [] }: { url: string; runnerId: string; key: string; args?: string[] }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "outpost-bench-runner-"));
  const child = spawn(process.execPath, [runnerBin(), "runner", "start", "--url", url, "--id", runnerId, "--data-dir", dataDir, ...args], {
    env: { ...process.env, OUTPOST_RUNNER_KEY: key },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const lines: RunnerLogLine[] = [];
  const waiters = new Set<Waiter>();
  let partial = "";

  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    const texts = (partial + chunk).split("\n");
    partial = texts.pop() ?? "";
    for (const text of texts.filter(Boolean)) {
      const line = parseLine(text);
      lines.push(line);
      for (const waiter of waiters) {
        if (waiter.match(line)) {
          waiters.delete(waiter);
          waiter.resolve(line);
        }
      }
    }
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      for (const waiter of waiters) waiter.reject(new Error(`The runner exited (code ${code}). Last log lines:\n${tail(lines)}`));
      waiters.clear();
      fs.rmSync(dataDir, { recursive: true, force: true });
      resolve(code);
    }),
  );

  return {
    pid: child.pid!,
    lines,
    /** The first log line, already written or still to come, that matches. */
    waitForLog(match: (line: RunnerLogLine) => boolean, timeoutMs: number): Promise<RunnerLogLine> {
      const seen = lines.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`No matching runner log line within ${timeoutMs} ms. Last log lines:\n${tail(lines)}`));
        }, timeoutMs);
        const waiter: Waiter = {
          match,
          resolve: (line) => (clearTimeout(timer), resolve(line)),
          reject: (error) => (clearTimeout(timer), reject(error)),
        };
        waiters.add(waiter);
      });
    },
    memory: () => readProcessMemory(child.pid!),
    /** SIGTERM, as a service manager stops it; resolves to the exit code. */
    stop(): Promise<number | null> {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

export type RunnerProcess = ReturnType<typeof spawnRunner>;

function parseLine(text: string): RunnerLogLine {
  try {
    return JSON.parse(text) as RunnerLogLine;
  } catch {
    return { msg: text };
  }
}

const tail = (lines: readonly RunnerLogLine[]) => lines.slice(-10).map((line) => JSON.stringify(line)).join("\n");
