/** How often results pages poll while the tab is visible (react-query pauses in hidden tabs). */
export const LIVE_INTERVAL_MS = 5_000;
/** While a run of the monitor is queued or running, its result is seconds away. */
export const BUSY_INTERVAL_MS = 1_500;

export const liveInterval = (busy: boolean) => (busy ? BUSY_INTERVAL_MS : LIVE_INTERVAL_MS);
