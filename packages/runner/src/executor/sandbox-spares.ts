import { createRequire } from "node:module";

/** The part of postman-sandbox's context the engine and this module touch (checked against 6.x). */
interface SandboxContext {
  isReady: boolean;
  executionTimeout?: number;
  dispose(callback?: () => void): void;
}
type Callback = (error: Error | null, context?: SandboxContext) => void;
type CreateContext = (options: Record<string, unknown>, callback: Callback) => void;
interface SandboxModule {
  createContext: CreateContext;
}

export interface SandboxSpares {
  /** Boots spares until `count` are ready or booting. */
  fill(): void;
  /** Spares booted and waiting, and how many runs have been given one so far. */
  stats(): { ready: number; handedOut: number };
  /** Disposes the spares; the engine boots its own sandboxes again. */
  close(): Promise<void>;
}

/**
 * Keeps `count` script sandboxes booted ahead of the runs that will use them. The engine boots a
 * fresh sandbox (a worker thread with the whole `pm` library) at the start of every run and
 * disposes it at the end: about 120 ms before the first request even on an idle machine, most of
 * a Run now's wait. Runs still never share a sandbox: a spare is handed to one run, the engine
 * disposes it when that run ends, and a new spare boots then. A run that asks while a spare is
 * still booting gets that one as soon as it is ready.
 *
 * It works by standing in for postman-sandbox's `createContext`, which the engine calls once per
 * run with `{ timeout, serializeLogs }`: a spare is booted with the same (empty) options and gets
 * the run's timeout as it is handed over, which is what `createContext` would have done.
 */
export function installSandboxSpares(count: number): SandboxSpares {
  const sandbox = engineSandboxModule();
  const original = sandbox.createContext;
  const ready: SandboxContext[] = [];
  /** Runs that asked while a spare was booting: each gets the next one that is ready. */
  const waiting: Array<{ options: Record<string, unknown>; callback: Callback }> = [];
  let booting = 0;
  let handedOut = 0;
  let closed = false;

  const boot = () => {
    booting += 1;
    original.call(sandbox, {}, (error, context) => {
      booting -= 1;
      const waiter = waiting.shift();
      if (closed || error || !context) {
        context?.dispose();
        // The run that waited for this spare boots its own after all.
        if (waiter) original.call(sandbox, waiter.options, waiter.callback);
        return;
      }
      if (waiter) handOver(context, waiter.options, waiter.callback);
      else ready.push(context);
    });
  };
  const fill = () => {
    while (!closed && ready.length + booting < count) boot();
  };

  function handOver(spare: SandboxContext, options: Record<string, unknown>, callback: Callback) {
    if (typeof options.timeout === "number" && Number.isFinite(options.timeout)) spare.executionTimeout = options.timeout;
    handedOut += 1;
    // The next spare boots once this run is over and its sandbox disposed: booting it during the
    // run would take the CPU from the run's first request, the moment a Run now is waiting for.
    const dispose = spare.dispose.bind(spare);
    spare.dispose = (done) => {
      dispose(done);
      fill();
    };
    callback(null, spare);
  }

  sandbox.createContext = function createContext(options, callback) {
    if (closed || options.serializeLogs) return original.call(sandbox, options, callback);
    let spare = ready.shift();
    while (spare && !spare.isReady) {
      spare.dispose();
      spare = ready.shift();
    }
    if (spare) return handOver(spare, options, callback);
    // A spare already on its way is ready sooner than a sandbox booted from now.
    if (booting > waiting.length) return void waiting.push({ options, callback });
    original.call(sandbox, options, callback);
    // Runs overlap (or a handed-over sandbox was never disposed): have a spare ready again.
    setImmediate(fill);
  };
  fill();

  return {
    fill,
    stats: () => ({ ready: ready.length, handedOut }),
    async close() {
      closed = true;
      if (sandbox.createContext !== original) sandbox.createContext = original;
      // Runs still waiting for a spare get the spare's boot as it lands (see boot), or their own.
      await Promise.all(ready.splice(0).map((context) => new Promise<void>((resolve) => context.dispose(resolve))));
    },
  };
}

/** postman-sandbox as the engine itself resolves it, so the stand-in replaces the function it calls. */
function engineSandboxModule(): SandboxModule {
  const engineRequire = createRequire(createRequire(import.meta.url).resolve("postman-runtime"));
  return engineRequire("postman-sandbox") as SandboxModule;
}
