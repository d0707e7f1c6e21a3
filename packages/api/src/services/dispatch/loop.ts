import type { Database } from "@outpost/db";
import { announceQueued } from "./run-events";
import { scheduleDueMonitors } from "./schedule-due";
import { sweepRuns } from "./sweep";

export type DispatchLoopOptions = {
  db: Database;
  /** Pause between iterations; each iteration schedules due monitors and sweeps lapsed runs. */
  intervalMs?: number;
  onError?: (error: unknown) => void;
};

/**
 * The console's background work: scheduling and sweeping, once a second. Idempotent start/stop;
 * an iteration's failure (a database restart, say) is reported and the loop carries on.
 */
export function createDispatchLoop({ db, intervalMs = 1_000, onError = () => {} }: DispatchLoopOptions) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;
  let lastTickAt: Date | null = null;

  async function tick() {
    try {
      const scheduled = await scheduleDueMonitors(db);
      const swept = await sweepRuns(db);
      announceQueued([...scheduled.queued, ...swept.requeued.map((r) => r.runnerId)]);
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
    /** Resolves once the iteration in progress, if any, has finished. */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    /** When the loop last completed an iteration: the console's health check reads it. */
    lastTickAt: () => lastTickAt,
  };
}
