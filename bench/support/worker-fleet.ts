import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { InstanceCredentials } from "./fleet";
import type { ResultShape } from "./result-body";

export interface WorkerStats {
  registered: number;
  claimed: number;
  submitted: number;
  failures: string[];
}

/**
 * "work": every instance claims up to `claimMax` runs (long-poll), submits their results at once,
 * and claims again, as an agent whose runs take no time. "hold": every instance claims its runner's
 * queue empty and keeps the leases, so results can later be submitted on command and timed.
 */
export type WorkerMode = "work" | "hold";

export type WorkerCommand =
  | { type: "start"; url: string; instances: InstanceCredentials[]; mode: WorkerMode; claimMax: number; shape: ResultShape }
  | { type: "submit" }
  | { type: "stop" };

export type WorkerReport =
  | { type: "ready" | "failed" | "stopped"; stats: WorkerStats }
  | { type: "submitted"; stats: WorkerStats; latenciesMs: number[]; elapsedMs: number };

const ENTRY = fileURLToPath(new URL("./simulated-workers.ts", import.meta.url));

function nextReport(child: ChildProcess) {
  return new Promise<WorkerReport>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`The simulated workers exited early (code ${code})`));
    child.once("exit", onExit);
    child.once("message", (report: WorkerReport) => {
      child.off("exit", onExit);
      resolve(report);
    });
  });
}

/** Simulated instances that take runs and report results, in a child process of their own. */
export async function startWorkers(options: Omit<Extract<WorkerCommand, { type: "start" }>, "type">) {
  // The child inherits this process's flags, so it loads TypeScript the same way (tsx).
  const child = fork(ENTRY, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const started = nextReport(child);
  child.send({ type: "start", ...options } satisfies WorkerCommand);
  const report = await started;
  if (report.type !== "ready") {
    child.kill();
    throw new Error(`The simulated workers did not start: ${report.stats.failures.slice(0, 3).join("; ")}`);
  }
  return {
    pid: child.pid!,
    readyStats: report.stats,
    /** "hold" mode: submits every held result, each instance one at a time, all instances at once. */
    async submitHeld() {
      const done = nextReport(child);
      child.send({ type: "submit" } satisfies WorkerCommand);
      const submitted = await done;
      if (submitted.type !== "submitted") throw new Error(`Unexpected report: ${submitted.type}`);
      return submitted;
    },
    async stop(): Promise<WorkerStats> {
      const stopped = nextReport(child);
      child.send({ type: "stop" } satisfies WorkerCommand);
      return (await stopped).stats;
    },
  };
}
