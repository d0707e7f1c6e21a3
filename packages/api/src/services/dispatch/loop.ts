import type { Database } from "@outpost/db";
import { deliverNotifications, type NotifierDeps } from "../notification/deliver-notifications";
import { queueRunnerOfflineNotifications } from "../notification/queue-runner-offline";
import { announceQueued } from "./run-events";
import { scheduleDueMonitors } from "./schedule-due";
import { sweepRuns } from "./sweep";

export type DispatchLoopOptions = {
  db: Database;
  /** Pause between iterations; each iteration schedules due monitors and sweeps lapsed runs. */
  intervalMs?: number;
  /** Sends notifications from the outbox; unset, the outbox is left to other processes. */
  notifier?: NotifierDeps;
  /** How long stop() waits for notifications being sent. */
  sendingGraceMs?: number;
  onError?: (error: unknown) => void;
};

/**
 * The console's background work: scheduling and sweeping, once a second, and sending
 * notifications. Idempotent start/stop; an iteration's failure (a database restart, say) is
 * reported and the loop carries on.
 */
export function createDispatchLoop({
  db,
  intervalMs = 1_000,
  notifier,
  sendingGraceMs = 5_000,
  onError = () => {},
}: DispatchLoopOptions) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let delivering: Promise<void> | undefined;
  let stopped = true;
  let lastTickAt: Date | null = null;

  /** Sending waits on mail servers and webhooks: it runs beside the iterations, one batch at a time, never holding them up. */
  function deliver(deps: NotifierDeps) {
    if (delivering || stopped) return;
    delivering = deliverNotifications(db, deps)
      .then(() => undefined, onError)
      .finally(() => {
        delivering = undefined;
      });
  }

  async function tick() {
    try {
      const scheduled = await scheduleDueMonitors(db);
      const swept = await sweepRuns(db);
      announceQueued([...scheduled.queued, ...swept.requeued.map((r) => r.runnerId)]);
      if (notifier) {
        await queueRunnerOfflineNotifications(db);
        deliver(notifier);
      }
      lastTickAt = new Date();
    } catch (error) {
      onError(error);
    }
  }

  function loop() {
    if (stopped) return;
    running = tick().finally(() => {
      if (!stopped) timer = setTimeout(loop, intervalMs);
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
