import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { listen, type DatabaseHandle, type Listener } from "@outpost/db";

// Wakes claim requests waiting for a runner's queue the moment a run is queued for it. Within one
// process an event is enough; on PostgreSQL the news also goes to every other console process
// through NOTIFY. Waiters re-check on a short timer as well, so a missed notification only delays.

const CHANNEL = "outpost_runs_queued";
const HOSTED = "hosted";

type QueueBus = { events: EventEmitter; process: string; listener?: Listener; closing?: boolean };

// One bus per process: the framework may load this module more than once (one copy per bundle).
const bus: QueueBus = ((globalThis as { outpostQueueBus?: QueueBus }).outpostQueueBus ??= {
  events: new EventEmitter().setMaxListeners(0),
  process: randomUUID(),
});

const queueName = (runnerId: string | null) => runnerId ?? HOSTED;
// Emitted once, when the process starts shutting down: every waiter listens for it beside its queue.
// A registered symbol: each copy of this module must name the same event on the shared bus.
const CLOSING = Symbol.for("outpost.queue-closing");

function wake(queues: Iterable<string>) {
  for (const queue of queues) bus.events.emit(queue);
}

/** Tells waiting claims (in every console process) that runs were queued for these runners (null: hosted). */
export function announceQueued(runnerIds: Array<string | null>) {
  const queues = [...new Set(runnerIds.map(queueName))];
  if (queues.length === 0) return;
  wake(queues);
  // For the other processes; this one knows already and skips its own echo.
  bus.listener?.notify(`${bus.process} ${queues.join(",")}`).catch(() => {});
}

/** Resolves when a run is queued for the runner, after `ms`, or when `signal` aborts — whichever is first. */
export function waitForRun(runnerId: string | null, ms: number, signal?: AbortSignal): Promise<void> {
  const queue = queueName(runnerId);
  if (bus.closing) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      bus.events.off(queue, done);
      bus.events.off(CLOSING, done);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    bus.events.once(queue, done);
    bus.events.once(CLOSING, done);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/**
 * The process is shutting down: every claim waiting here wakes at once and, like any claim that
 * arrives from now on, answers with no runs, so runners poll another console process (or this one
 * after its restart) instead of holding a request the server is waiting to finish. One-way.
 */
export function closeQueueEvents() {
  if (bus.closing) return;
  bus.closing = true;
  bus.events.emit(CLOSING);
}

/** True once closeQueueEvents() was called in this process: claims must not take runs any more. */
export const isQueueClosing = () => bus.closing === true;

/**
 * Joins this process to the other console processes on the same PostgreSQL database: runs they
 * queue wake claims waiting here, and runs queued here wake theirs. Call once per process.
 */
export async function shareQueueEvents(
  pool: NonNullable<DatabaseHandle["pool"]>,
  onError: (error: unknown) => void = () => {},
): Promise<Listener> {
  if (bus.listener) return bus.listener;
  const listener = await listen(pool, CHANNEL, {
    onPayload: (payload) => {
      const [sender, queues = ""] = payload.split(" ");
      if (sender !== bus.process) wake(queues.split(",").filter(Boolean));
    },
    onError,
  });
  bus.listener = {
    notify: listener.notify,
    close: async () => {
      bus.listener = undefined;
      await listener.close();
    },
  };
  return bus.listener;
}
