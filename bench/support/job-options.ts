import type { MonitorRunOptions } from "@outpost/contracts";

/** A monitor's options with every knob at its default: no delays, no retries, no request timeout. */
export const DEFAULT_RUN_OPTIONS: MonitorRunOptions = {
  requestTimeoutMs: null,
  delayBetweenRequestsMs: 0,
  retriesOnFailure: 0,
  followRedirects: true,
  sslValidation: true,
  maxRunDurationMs: 5 * 60_000,
};
