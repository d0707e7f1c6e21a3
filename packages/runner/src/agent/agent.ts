import { randomUUID } from "node:crypto";
import os from "node:os";
import type { Job, RunResult } from "@outpost/contracts";
import { executeJob } from "../executor";
import { RUNNER_VERSION } from "../index";
import { createClient, type ClientResult } from "./client";

export interface LogEntry {
  level: "info" | "warn" | "error";
  msg: string;
  [field: string]: unknown;
}

export interface AgentOptions {
  url: string;
  runnerId: string;
  key: string;
  concurrency: number;
  log: (entry: LogEntry) => void;
  execute?: (job: Job, opts: { signal: AbortSignal }) => Promise<RunResult>;
}

export interface Agent {
  stop(): Promise<void>;
  /** The exit code: 0 after stop(), 3 when the console stopped accepting the ID and key. */
  done: Promise<number>;
}

export const KEY_REFUSED_MESSAGE =
  "The console no longer accepts this runner's ID and key: the key was reset or the runner deleted. Copy the new command from Runner settings.";
const MAX_CLAIM_WAIT_MS = 25_000;
const STOP_GRACE_MS = 20_000;
/** After stop's grace, how long results may still take to reach the console before they are given up. */
const DELIVERY_GRACE_MS = 30_000;
/** One 401 can be a console mid-deploy; three in a row mean the key really is gone. */
const UNAUTHORIZED_LIMIT = 3;

/** 1 s doubling to 30 s; reset after a success. */
function backoff() {
  let next = 1_000;
  return { next: () => ((next = Math.min(next * 2, 30_000)), next / 2), reset: () => void (next = 1_000) };
}
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = () => (clearTimeout(timer), resolve());
    // Remove the listener after the timer, or a long-lived agent piles them up on one signal.
    const timer = setTimeout(() => (signal?.removeEventListener("abort", onAbort), resolve()), ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/** The private runner: registers, long-polls for runs, executes them under a renewed lease, delivers results. */
export function startAgent({ url, runnerId, key, concurrency, log, execute = executeJob }: AgentOptions): Agent {
  const client = createClient({ url, runnerId, key, instanceId: randomUUID() });
  const running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  const loopStop = new AbortController(); // ends claims and sleeps of the loop, not deliveries
  const retry = backoff();
  let exitCode: number | null = null;
  let stoppingSince = 0;
  let unauthorized = 0;
  let registered = false;
  let settings = { claimWaitMs: MAX_CLAIM_WAIT_MS, leaseDurationMs: 60_000 };
  const stopped = new Promise<void>((resolve) => loopStop.signal.addEventListener("abort", () => resolve(), { once: true }));

  const fatal = () => exitCode === 3;
  function keyRefused() {
    if (fatal()) return;
    exitCode = 3;
    log({ level: "error", msg: KEY_REFUSED_MESSAGE });
    loopStop.abort();
    // Nothing can be delivered with a refused key: stop the runs now instead of finishing them.
    for (const task of running.values()) task.controller.abort(new Error("the runner's key was refused"));
  }

  // Every answer passes here, so the 401 count and re-registration live in one place.
  function note<T>(result: ClientResult<T>, action: string): ClientResult<T> {
    if (result.ok) {
      unauthorized = 0;
      return result;
    }
    if (result.kind === "unknown_instance") registered = false;
    if (result.kind === "unauthorized" && ++unauthorized >= UNAUTHORIZED_LIMIT) keyRefused();
    else if (!(loopStop.signal.aborted && result.kind === "unreachable")) {
      log({ level: "warn", msg: `${action} failed`, kind: result.kind, detail: result.message });
    }
    return result;
  }

  async function register(): Promise<boolean> {
    const host = { hostname: os.hostname().slice(0, 255) || "unknown", os: `${os.platform()} ${os.release()}`.slice(0, 100), runnerVersion: RUNNER_VERSION };
    const result = note(await client.register(host), "register");
    if (!result.ok) return false;
    registered = true;
    settings = result.data;
    log({ level: "info", msg: "registered", runnerName: result.data.runnerName, instanceId: client.instanceId });
    return true;
  }

  async function deliver(job: Job, first: RunResult) {
    const wait = backoff();
    let result = first;
    for (let replaced = false; !fatal(); ) {
      const answer = note(await client.submit(job.runId, job.lease.id, result), "submit result");
      if (answer.ok) return log({ level: "info", msg: "result delivered", runId: job.runId, duplicate: answer.data.duplicate });
      if (answer.kind === "lease_lost") return log({ level: "warn", msg: "result dropped: the lease was lost", runId: job.runId });
      if (answer.kind === "rejected") {
        // Retrying the same body cannot help; report why instead, so the run does not end as "runner lost".
        if (replaced) return log({ level: "error", msg: "result dropped: the console refused it", runId: job.runId });
        replaced = true;
        result = { ...result, outcome: "error", errorMessage: `The runner could not deliver this result: ${answer.message}`, executions: [], consoleLines: [] };
        continue;
      }
      if (answer.kind === "unknown_instance" && (await register())) continue;
      if (stoppingSince && Date.now() - stoppingSince > STOP_GRACE_MS + DELIVERY_GRACE_MS) {
        return log({ level: "error", msg: "result lost: the console could not be reached before the runner stopped", runId: job.runId });
      }
      await sleep(wait.next());
    }
  }

  function start(job: Job) {
    const controller = new AbortController();
    let leaseLost = false;
    let renewing = false;
    const renewal = setInterval(async () => {
      if (renewing) return;
      renewing = true;
      const answer = note(await client.renew(job.runId, job.lease.id), "renew lease");
      renewing = false;
      if (!answer.ok && answer.kind === "lease_lost") {
        leaseLost = true;
        controller.abort(new Error("the lease was lost"));
      }
    }, Math.max(1_000, Math.floor(settings.leaseDurationMs / 3)));
    log({ level: "info", msg: "run started", runId: job.runId, monitor: job.monitor.name, attempt: job.attempt });
    const done = (async () => {
      try {
        const result = await execute(job, { signal: controller.signal }).finally(() => clearInterval(renewal));
        if (leaseLost) return log({ level: "warn", msg: "result dropped: the lease was lost", runId: job.runId });
        log({ level: "info", msg: "run finished", runId: job.runId, outcome: result.outcome, requestCount: result.requestCount });
        await deliver(job, result);
      } catch (error) {
        log({ level: "error", msg: "run failed in the runner", runId: job.runId, detail: String(error).slice(0, 500) });
      } finally {
        running.delete(job.runId);
      }
    })();
    running.set(job.runId, { controller, done });
  }

  async function loop(): Promise<number> {
    while (!loopStop.signal.aborted) {
      if (!registered) {
        if (await register()) retry.reset();
        else await sleep(retry.next(), loopStop.signal);
        continue;
      }
      const free = concurrency - running.size;
      if (free <= 0) {
        await Promise.race([...[...running.values()].map((task) => task.done), stopped]);
        continue;
      }
      const waitMs = Math.min(MAX_CLAIM_WAIT_MS, settings.claimWaitMs);
      const answer = note(await client.claim({ max: free, waitMs }, loopStop.signal), "claim");
      if (answer.ok) {
        retry.reset();
        answer.data.jobs.forEach(start);
      } else if (answer.kind !== "unknown_instance") await sleep(retry.next(), loopStop.signal);
    }
    if (!fatal() && running.size > 0) {
      log({ level: "info", msg: "stopping: waiting for running runs", running: running.size, graceMs: STOP_GRACE_MS });
      const timer = setTimeout(() => {
        for (const task of running.values()) task.controller.abort(new Error("the runner is stopping"));
      }, STOP_GRACE_MS);
      await Promise.all([...running.values()].map((task) => task.done));
      clearTimeout(timer);
    }
    await Promise.all([...running.values()].map((task) => task.done));
    log({ level: "info", msg: "stopped", exitCode });
    return exitCode ?? 0;
  }

  const done = loop().catch((error: unknown) => {
    log({ level: "error", msg: "the runner stopped on an unexpected error", detail: String(error).slice(0, 500) });
    return 1;
  });
  return {
    done,
    async stop() {
      if (exitCode === null) {
        exitCode = 0;
        stoppingSince = Date.now();
        log({ level: "info", msg: "stopping: no new runs will be claimed" });
        loopStop.abort();
      }
      await done;
    },
  };
}
