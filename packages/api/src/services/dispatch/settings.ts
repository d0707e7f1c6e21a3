/** How long a claimed run stays an instance's without renewal; instances renew at a third of it. */
export const LEASE_DURATION_MS = 60_000;
/** The longest a claim request is held open waiting for a run (the protocol's upper bound). */
export const CLAIM_WAIT_MS = 25_000;
/** A run still going after this long is stopped by the runner and reported as Abort. */
export const MAX_RUN_DURATION_MS = 5 * 60_000;
/** A run nobody claimed within this time ends as Error. */
export const QUEUE_TIMEOUT_MS = 6 * 60_000;
/** A run whose lease lapsed this many times ends as "runner lost" instead of going back to the queue. */
export const MAX_ATTEMPTS = 2;
