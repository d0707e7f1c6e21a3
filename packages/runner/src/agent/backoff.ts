/** 1 s doubling to 30 s; reset after a success. */
export function backoff() {
  let next = 1_000;
  return {
    next: () => ((next = Math.min(next * 2, 30_000)), next / 2),
    reset: () => void (next = 1_000),
  };
}

/** Resolves after `ms`, or at once when `signal` aborts; never rejects. */
export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = () => (clearTimeout(timer), resolve());
    // Remove the listener after the timer, or a long-lived agent piles them up on one signal.
    const timer = setTimeout(() => (signal?.removeEventListener("abort", onAbort), resolve()), ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
