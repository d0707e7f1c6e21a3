import { createRequire } from "node:module";

/** The part of postman-sandbox's context the engine and this module touch (checked against 6.x). */
interface SandboxContext {
  isReady: boolean;
  executionTimeout?: number;
  dispose(callback?: () => void): void;
}
type CreateContext = (options: Record<string, unknown>, callback: (error: Error | null, context?: SandboxContext) => void) => void;
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
 * disposes it when that run ends, and a new spare boots in the background.
 *
 * It works by standing in for postman-sandbox's `createContext`, which the engine calls once per
 * run with `{ timeout, serializeLogs }`: a spare is booted with the same (empty) options and gets
 * the run's timeout as it is handed over, which is what `createContext` would have done.
 */
export function installSandboxSpares(count: number): SandboxSpares {
  const sandbox = engineSandboxModule();
  const original = sandbox.createContext;
  const ready: SandboxContext[] = [];
  let booting = 0;
  let handedOut = 0;
  let closed = false;

  const boot = () => {
    booting += 1;
    original.call(sandbox, {}, (error, context) => {
      booting -= 1;
      if (closed || error || !context) return context?.dispose();
      ready.push(context);
    });
  };
  const fill = () => {
    while (!closed && ready.length + booting < count) boot();
  };

  sandbox.createContext = function createContext(options, callback) {
    const serializeLogs = options.serializeLogs;
    let spare = ready.shift();
    while (spare && !spare.isReady) {
      spare.dispose();
      spare = ready.shift();
    }
    if (!spare || serializeLogs) {
      spare?.dispose();
      return original.call(sandbox, options, callback);
    }
    if (typeof options.timeout === "number" && Number.isFinite(options.timeout)) spare.executionTimeout = options.timeout;
    handedOut += 1;
    // Boot the next spare only after this run's own first steps have had the CPU.
    setImmediate(fill);
    callback(null, spare);
  };
  fill();

  return {
    fill,
    stats: () => ({ ready: ready.length, handedOut }),
    async close() {
      closed = true;
      if (sandbox.createContext !== original) sandbox.createContext = original;
      await Promise.all(ready.splice(0).map((context) => new Promise<void>((resolve) => context.dispose(resolve))));
    },
  };
}

/** postman-sandbox as the engine itself resolves it, so the stand-in replaces the function it calls. */
function engineSandboxModule(): SandboxModule {
  const engineRequire = createRequire(createRequire(import.meta.url).resolve("postman-runtime"));
  return engineRequire("postman-sandbox") as SandboxModule;
}
