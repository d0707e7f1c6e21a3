import type { RunResult, SubmitResultResponse } from "@outpost/contracts";
import type { RunnerMetrics } from "../metrics/runner-metrics";
import { backoff, sleep } from "./backoff";
import type { ClientResult, ProtocolClient } from "./client";
import type { Log } from "./log";
import type { Outbox, OutboxEntry } from "./outbox";

export interface CourierOptions {
  client: ProtocolClient;
  outbox: Outbox;
  log: Log;
  metrics: RunnerMetrics;
  /** The agent's bookkeeping of every answer (the 401 count, "registered"). */
  note: <T>(result: ClientResult<T>, action: string) => ClientResult<T>;
  register: () => Promise<boolean>;
  /** True once the key was refused: nothing can be delivered any more. */
  halted: () => boolean;
}

/** With nothing to deliver the courier sleeps until woken; this is only a safety net. */
const IDLE_MS = 60_000;

/**
 * Delivers the outbox to the console, oldest result first, one at a time, retrying with backoff
 * while the console is unreachable. A result leaves the outbox only once the console took it, or
 * answered that it never will (the lease was lost, the result refused twice).
 */
export function createCourier({ client, outbox, log, metrics, note, register, halted }: CourierOptions) {
  const wait = backoff();
  /** Cuts a delivery in flight when a stopping runner's grace is over. */
  const cutoff = new AbortController();
  let alarm = new AbortController();
  let draining = false;
  let running: Promise<void> | null = null;

  // An alarm that fired while the courier was busy is kept until its next rest: no wake-up is lost.
  const wake = () => alarm.abort();
  async function rest(ms: number) {
    await sleep(ms, alarm.signal);
    if (alarm.signal.aborted) alarm = new AbortController();
  }

  function drop(entry: OutboxEntry, reason: "lease_lost" | "refused", message: string) {
    metrics.resultDropped(reason);
    log({ level: reason === "lease_lost" ? "warn" : "error", msg: message, runId: entry.runId });
    return outbox.remove(entry).then(() => true);
  }

  /** True when the entry is settled (delivered or dropped), false to try it again later. */
  async function deliver(entry: OutboxEntry): Promise<boolean> {
    let result: RunResult | null = await outbox.read(entry);
    if (!result) return true;
    let replaced = false;
    let reregistered = false;
    for (;;) {
      const answer: ClientResult<SubmitResultResponse> = note(await client.submit(entry.runId, entry.leaseId, result, cutoff.signal), "submit result");
      metrics.delivery(answer.ok ? "ok" : "failed");
      if (answer.ok) {
        await outbox.remove(entry);
        log({ level: "info", msg: "result delivered", runId: entry.runId, duplicate: answer.data.duplicate });
        return true;
      }
      if (answer.kind === "lease_lost") return drop(entry, "lease_lost", "result dropped: the lease was lost");
      if (answer.kind === "rejected") {
        // Retrying the same body cannot help; report why instead, so the run does not end as "runner lost".
        if (replaced) return drop(entry, "refused", "result dropped: the console refused it");
        replaced = true;
        result = { ...result, outcome: "error", errorMessage: `The runner could not deliver this result: ${answer.message}`, executions: [], consoleLines: [] };
        continue;
      }
      if (answer.kind === "unknown_instance" && !reregistered && (await register())) {
        reregistered = true;
        continue;
      }
      return false;
    }
  }

  async function deliverAll() {
    while (!halted()) {
      const entry = outbox.oldest();
      if (!entry) {
        if (draining) return;
        await rest(IDLE_MS);
        continue;
      }
      if (await deliver(entry)) {
        wait.reset();
        continue;
      }
      // A stopping runner makes one attempt per stop; what is left stays on disk for the next start.
      if (draining) return;
      await rest(wait.next());
    }
  }

  return {
    /** Called once the agent is registered: the console answers an unknown instance with 404. */
    start() {
      running ??= deliverAll().catch((error: unknown) => {
        log({ level: "error", msg: "result delivery stopped on an unexpected error", detail: String(error).slice(0, 500) });
      });
    },
    /** A new result is in the outbox. */
    wake,
    /** Delivers what it can within `graceMs`, then stops; undelivered results stay in the outbox. */
    async drain(graceMs: number) {
      draining = true;
      wake();
      if (!running) return;
      const timer = setTimeout(() => cutoff.abort(), graceMs);
      await running;
      clearTimeout(timer);
    },
  };
}
