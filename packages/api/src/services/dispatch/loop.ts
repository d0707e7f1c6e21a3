import { performance } from "node:perf_hooks";
import type { Database } from "@outpost/db";
import { deliverNotifications, type NotifierDeps } from "../notification/deliver-notifications";
import { queueRunnerOfflineNotifications } from "../notification/queue-runner-offline";
import { announceQueued } from "./run-events";
import { scheduleDueMonitors } from "./schedule-due";
import { sweepRuns } from "./sweep";

/** Timers may fire a millisecond early; waking just after the boundary makes sure its monitors are due. */
const BOUNDARY_MARGIN_MS = 5;

export type DispatchLoopOptions = {
  db: Database;
  /** Pause between iterations when nothing more is due; each iteration schedules due monitors and sweeps lapsed runs. */
  intervalMs?: number;
  /** Pause after an iteration whose scheduling batch came back full: more monitors are due now. */
  busyIntervalMs?: number;
  /** Sends notifications from the outbox; unset, the outbox is left to other processes. */
  notifier?: NotifierDeps;
  /** How long stop() waits for notifications being sent. */
  sendingGraceMs?: number;
  onError?: (error: unknown) => void;
  /** After every successful iteration: what it scheduled and how long it took (for operators and benchmarks). */
  onIteration?: (iteration: DispatchIteration) => void;
};

export type DispatchIteration = { queued: number; full: boolean; swept: boolean; durationMs: number };

/**
 * The console's background work: scheduling and sweeping, once a second, and sending
 * notifications. While scheduling batches come back full it goes straight on to the next batch,
 * so a minute with thousands of due monitors is queued in one go rather than a batch a second.
 * Idempotent start/stop; an iteration's failure (a database restart, say) is reported and the
 * loop carries on.
 */
export function createDispatchLoop({
  db,
  intervalMs = 1_000,
  busyIntervalMs = 0,
  notifier,
  sendingGraceMs = 5_000,
  onError = () => {},
  onIteration = () => {},
}: DispatchLoopOptions) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let delivering: Promise<void> | undefined;
  let stopped = true;
  let lastTickAt: Date | null = null;
  let lastSweptAt = -Infinity;

  /** Sending waits on mail servers and webhooks: it runs beside the iterations, one batch at a time, never holding them up. */
  function deliver(deps: NotifierDeps) {
    if (delivering || stopped) return;
    delivering = deliverNotifications(db, deps)
      .then(() => undefined, onError)
      .finally(() => {
        delivering = undefined;
      });
  }

  /** One iteration; true when the scheduling batch was full, so more monitors are due. */
  async function tick(): Promise<boolean> {
    const startedAt = performance.now();
    try {
      const scheduled = await scheduleDueMonitors(db);
      // Busy iterations only schedule; sweeping still runs at least once per interval.
      const sweepDue = !scheduled.full || performance.now() - lastSweptAt >= intervalMs;
      const swept = sweepDue ? await sweepRuns(db) : { requeued: [] };
      announceQueued([...scheduled.queued, ...swept.requeued.map((r) => r.runnerId)]);
      if (sweepDue) {
        lastSweptAt = performance.now();
        if (notifier) {
          await queueRunnerOfflineNotifications(db);
          deliver(notifier);
        }
      }
      lastTickAt = new Date();
      onIteration({ queued: scheduled.queued.length, full: scheduled.full, swept: sweepDue, durationMs: performance.now() - startedAt });
      return scheduled.full;
    } catch (error) {
      onError(error);
      return false;
    }
  }

  /**
   * Due times fall on whole minutes (schedule.ts aligns them), so idle iterations are aligned to
   * the wall clock's interval boundaries: a minute's runs are queued as it starts, not up to one
   * interval later depending on when the process started.
   */
  const untilNextBoundary = () => intervalMs - (Date.now() % intervalMs) + BOUNDARY_MARGIN_MS;

  function loop() {
    if (stopped) return;
    running = tick().then((busy) => {
      if (!stopped) timer = setTimeout(loop, busy ? busyIntervalMs : untilNextBoundary());
    });
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      loop();
    },
    /**
     * Resolves once the iteration in progress has finished, and the sending in progress too or
     * `sendingGraceMs` passed: a notification still being sent is taken again by another process
     * (or this one after a restart) once its claim lapses.
     */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      let grace: NodeJS.Timeout | undefined;
      const graceOver = new Promise<void>((resolve) => (grace = setTimeout(resolve, sendingGraceMs)));
      await Promise.all([running, Promise.race([delivering, graceOver])]);
      clearTimeout(grace);
    },
    /** When the loop last completed an iteration: the console's health check reads it. */
    lastTickAt: () => lastTickAt,
  };
}
