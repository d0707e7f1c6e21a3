import { EventEmitter } from "node:events";

// Wakes claim requests waiting in this process the moment a run is queued for their runner. Other
// console processes find new runs at their next short re-check (see waitForRun's callers).
const events = new EventEmitter();
events.setMaxListeners(0);

const HOSTED = "hosted";
const channel = (runnerId: string | null) => `queued:${runnerId ?? HOSTED}`;

export function announceQueued(runnerIds: Array<string | null>) {
  for (const runnerId of new Set(runnerIds)) events.emit(channel(runnerId));
}

/** Resolves when a run is queued for the runner, after `ms`, or when `signal` aborts — whichever is first. */
export function waitForRun(runnerId: string | null, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      events.off(channel(runnerId), done);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    events.once(channel(runnerId), done);
    signal?.addEventListener("abort", done, { once: true });
  });
}
