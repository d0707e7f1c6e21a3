import { z } from "zod";

export const MAX_CLAIM_WAIT_MS = 25_000;

export const MonitorRunOptions = z.object({
  requestTimeoutMs: z.number().int().positive().nullable(),
  delayBetweenRequestsMs: z.number().int().min(0),
  retriesOnFailure: z.number().int().min(0).max(2),
  followRedirects: z.boolean(),
  sslValidation: z.boolean(),
  /** A run still going after this long is stopped and reported as Abort. */
  maxRunDurationMs: z.number().int().positive(),
});
export type MonitorRunOptions = z.infer<typeof MonitorRunOptions>;

export const EnvironmentValue = z.object({
  key: z.string(),
  value: z.string(),
  /** Secret values are masked in everything the runner reports. */
  secret: z.boolean(),
});
export type EnvironmentValue = z.infer<typeof EnvironmentValue>;

export const Lease = z.object({ id: z.uuid(), expiresAt: z.iso.datetime() });
export type Lease = z.infer<typeof Lease>;

/** One monitor run handed to one instance. Unknown fields are kept so a newer console can add some. */
export const Job = z.looseObject({
  runId: z.uuid(),
  lease: Lease,
  /** 1 on first claim; 2 after a lapsed lease handed the run back once. */
  attempt: z.number().int().min(1),
  monitor: z.looseObject({ id: z.uuid(), name: z.string() }),
  options: MonitorRunOptions,
  /** Postman Collection v2.1, as stored. */
  collection: z.record(z.string(), z.unknown()),
  environment: z.array(EnvironmentValue),
});
export type Job = z.infer<typeof Job>;

export const ClaimRunsRequest = z.object({
  instanceId: z.uuid(),
  /** How many runs this instance can start now (its free concurrency). */
  max: z.number().int().min(1).max(16),
  /** How long the console may hold the request open waiting for a run. */
  waitMs: z.number().int().min(0).max(MAX_CLAIM_WAIT_MS),
});
export type ClaimRunsRequest = z.infer<typeof ClaimRunsRequest>;

export const ClaimRunsResponse = z.object({ jobs: z.array(Job) });
export type ClaimRunsResponse = z.infer<typeof ClaimRunsResponse>;

export const RenewLeaseRequest = z.object({ instanceId: z.uuid(), leaseId: z.uuid() });
export type RenewLeaseRequest = z.infer<typeof RenewLeaseRequest>;

export const RenewLeaseResponse = z.object({ lease: Lease });
export type RenewLeaseResponse = z.infer<typeof RenewLeaseResponse>;
