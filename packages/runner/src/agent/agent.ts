import { randomUUID } from "node:crypto";
import os from "node:os";
import type { Job, RunResult } from "@outpost/contracts";
import type { Dispatcher } from "undici";
import { executeJob, type ExecuteJobOptions } from "../executor";
import { createRunnerMetrics, RUNNER_ERROR, type RunnerMetrics } from "../metrics/runner-metrics";
import { RUNNER_VERSION } from "../version";
import { backoff, sleep } from "./backoff";
import { createClient, type ClientResult } from "./client";
import { createConsoleDispatcher } from "./console-connection";
import { createCourier } from "./courier";
import type { Log } from "./log";
import type { Outbox } from "./outbox";

export type { LogEntry } from "./log";

export interface AgentOptions {
  url: string;
  runnerId: string;
  key: string;
  concurrency: number;
  log: Log;
  /** Where finished results wait until the console has them (see openOutbox). */
  outbox: Outbox;
  /** How the console is reached (proxy, trusted CAs); direct, with Node's CAs, when absent. */
  dispatcher?: Dispatcher;
  /** Trusted CA certificates for the collections' HTTPS requests; Node's when absent. */
  trustedCa?: readonly string[];
  metrics?: RunnerMetrics;
  execute?: (job: Job, opts: ExecuteJobOptions) => Promise<RunResult>;
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
/**
 * After the runs, how long a stopping runner keeps delivering. Short: whatever is not delivered
 * by then stays in the outbox and goes out at the next start.
 */
const DELIVERY_GRACE_MS = 5_000;
/** One 401 can be a console mid-deploy; three in a row mean the key really is gone. */
const UNAUTHORIZED_LIMIT = 3;
/** With a full outbox, how often the agent looks again before claiming. */
const OUTBOX_FULL_RECHECK_MS = 5_000;
/** Pause (plus as much jitter) after a claim answered "no runs" well before its wait was over. */
const EARLY_EMPTY_PAUSE_MS = 500;
/** How long a claim waits for the results in the outbox to go out first (see deliverFirst). */
const DELIVER_FIRST_MS = 10_000;

/**
 * The private runner: registers, long-polls for runs, executes them under a renewed lease, and
 * hands each result to the outbox, from which the courier delivers it.
 */
export function startAgent(options: AgentOptions): Agent {
  const { url, runnerId, key, concurrency, log, outbox, trustedCa, execute = executeJob } = options;
  const metrics = options.metrics ?? createRunnerMetrics();
  const dispatcher = options.dispatcher ?? createConsoleDispatcher();
  const client = createClient({ url, runnerId, key, instanceId: randomUUID(), dispatcher });
  const running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  const loopStop = new AbortController(); // ends claims and sleeps of the loop, not deliveries
  const retry = backoff();
  let exitCode: number | null = null;
  let unauthorized = 0;
  let registered = false;
  let outboxFullSaid = false;
  let settings = { claimWaitMs: MAX_CLAIM_WAIT_MS, leaseDurationMs: 60_000 };
  const stopped = new Promise<void>((resolve) => loopStop.signal.addEventListener("abort", () => resolve(), { once: true }));
  metrics.observe({ runsInProgress: () => running.size, outboxResults: () => outbox.size() });

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
      metrics.consoleContact();
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

  const courier = createCourier({ client, outbox, log, metrics, note, register, halted: fatal });

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
    metrics.runStarted();
    log({ level: "info", msg: "run started", runId: job.runId, monitor: job.monitor.name, attempt: job.attempt });
    const done = (async () => {
      try {
        const result = await execute(job, { signal: controller.signal, trustedCa }).finally(() => clearInterval(renewal));
        metrics.runFinished(result.outcome);
        if (leaseLost) {
          metrics.resultDropped("lease_lost");
          return log({ level: "warn", msg: "result dropped: the lease was lost", runId: job.runId });
        }
        log({ level: "info", msg: "run finished", runId: job.runId, outcome: result.outcome, requestCount: result.requestCount });
        await outbox.add(job.runId, job.lease.id, result);
        courier.wake();
      } catch (error) {
        metrics.runFinished(RUNNER_ERROR);
        log({ level: "error", msg: "run failed in the runner", runId: job.runId, detail: String(error).slice(0, 500) });
      } finally {
        running.delete(job.runId);
      }
    })();
    running.set(job.runId, { controller, done });
  }

  /** A full outbox means the console has not taken results for a long while: claim no more until it does. */
  function outboxIsFull(): boolean {
    const full = outbox.isFull();
    if (full && !outboxFullSaid) {
      log({ level: "warn", msg: "the outbox is full: no new runs are claimed until results are delivered", outbox: outbox.size() });
    }
    outboxFullSaid = full;
    return full;
  }

  async function claim(max: number) {
    const waitMs = Math.min(MAX_CLAIM_WAIT_MS, settings.claimWaitMs);
    const sentAt = Date.now();
    const answer = note(await client.claim({ max, waitMs }, loopStop.signal), "claim");
    if (answer.ok || !loopStop.signal.aborted) metrics.claim(answer.ok);
    if (answer.ok) {
      retry.reset();
      answer.data.jobs.forEach(start);
      // "No runs" long before the wait was over: the console is shutting down. Asking again at once
      // would only hammer it until it is gone.
      if (answer.data.jobs.length === 0 && waitMs >= 1_000 && Date.now() - sentAt < waitMs / 2) {
        await sleep(EARLY_EMPTY_PAUSE_MS + Math.random() * EARLY_EMPTY_PAUSE_MS, loopStop.signal);
      }
    } else if (answer.kind !== "unknown_instance") await sleep(retry.next(), loopStop.signal);
  }

  /**
   * Results waiting in the outbox go out before new runs come in. After the console was out of
   * reach for longer than a lease, the runs those results belong to are back in the queue: claimed
   * first, they would be executed again and the finished results refused. Bounded, so a console
   * that keeps failing submissions still gets claims.
   */
  async function deliverFirst() {
    if (outbox.size() === 0) return;
    courier.wake();
    const deadline = Date.now() + DELIVER_FIRST_MS;
    while (outbox.size() > 0 && Date.now() < deadline && !loopStop.signal.aborted) await sleep(100, loopStop.signal);
  }

  async function finishRunning() {
    if (fatal() || running.size === 0) return;
    log({ level: "info", msg: "stopping: waiting for running runs", running: running.size, graceMs: STOP_GRACE_MS });
    const timer = setTimeout(() => {
      for (const task of running.values()) task.controller.abort(new Error("the runner is stopping"));
    }, STOP_GRACE_MS);
    await Promise.all([...running.values()].map((task) => task.done));
    clearTimeout(timer);
  }

  async function loop(): Promise<number> {
    while (!loopStop.signal.aborted) {
      if (!registered) {
        if (await register()) {
          retry.reset();
          courier.start();
        } else await sleep(retry.next(), loopStop.signal);
        continue;
      }
      if (outboxIsFull()) {
        await sleep(OUTBOX_FULL_RECHECK_MS, loopStop.signal);
        continue;
      }
      const free = concurrency - running.size;
      if (free <= 0) await Promise.race([...[...running.values()].map((task) => task.done), stopped]);
      else {
        await deliverFirst();
        if (!loopStop.signal.aborted) await claim(free);
      }
    }
    await finishRunning();
    await Promise.all([...running.values()].map((task) => task.done));
    // With a refused key the courier only has to notice it is over.
    await courier.drain(fatal() ? 0 : DELIVERY_GRACE_MS);
    if (!options.dispatcher) await dispatcher.destroy();
    const remaining = outbox.size();
    if (remaining > 0) {
      log({ level: "warn", msg: `${remaining} result${remaining === 1 ? "" : "s"} not delivered yet: kept in the outbox for the next start`, outbox: remaining });
    }
    log({ level: "info", msg: "stopped", exitCode, outbox: remaining });
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
        log({ level: "info", msg: "stopping: no new runs will be claimed" });
        loopStop.abort();
      }
      await done;
    },
  };
}
