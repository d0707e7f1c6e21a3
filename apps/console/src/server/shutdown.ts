import "server-only";

const SIGNALS = ["SIGTERM", "SIGINT"] as const;

export type ShutdownOptions = {
  /** The ordered shutdown; the process exits 0 when it resolves, 1 when it fails. */
  run: () => Promise<void>;
  /** Past this, the process exits 1 whatever is still running (orchestrators kill soon after anyway). */
  hardLimitMs: number;
  log: (line: string) => void;
};

/**
 * Makes SIGTERM/SIGINT run the console's ordered shutdown. Next's own handler is removed: it exits
 * (code 143) as soon as its HTTP server has drained, which would cut the database close short.
 * Our shutdown closes that same server itself, at the right moment.
 */
export function handleShutdownSignals({ run, hardLimitMs, log }: ShutdownOptions) {
  let started = false;
  const shutdown = (signal: NodeJS.Signals) => {
    // Ctrl+C in a terminal reaches the process more than once (the shell and `next` both send it).
    if (started) return;
    started = true;
    log(`${signal}: shutting down`);
    setTimeout(() => {
      log(`shutdown did not finish within ${hardLimitMs / 1000} s; exiting`);
      process.exit(1);
    }, hardLimitMs).unref();
    run().then(
      () => process.exit(0),
      (error: unknown) => {
        log(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) process.off(signal, listener);
    process.on(signal, shutdown);
  }
}
