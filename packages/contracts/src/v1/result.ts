import { z } from "zod";

export const RESULT_LIMITS = {
  executions: 1_000,
  assertionsPerExecution: 200,
  consoleLines: 2_000,
  text: 10_000,
  /** Bytes of a result submission's body; the console refuses larger ones with 413. */
  bodyBytes: 5 * 1024 * 1024,
} as const;

const Text = z.string().max(RESULT_LIMITS.text);
/** A count or a duration the console stores as a 32-bit integer. */
const StoredCount = z.number().int().min(0).max(2_147_483_647);

export const RunOutcome = z.enum(["successful", "failure", "error", "abort"]);
export type RunOutcome = z.infer<typeof RunOutcome>;

export const AssertionResult = z.object({
  name: Text,
  passed: z.boolean(),
  errorMessage: Text.nullable(),
});
export type AssertionResult = z.infer<typeof AssertionResult>;

export const RequestExecution = z.object({
  position: StoredCount,
  requestName: Text,
  method: z.string().max(20),
  url: Text,
  statusCode: z.number().int().min(100).max(999).nullable(),
  responseTimeMs: StoredCount.nullable(),
  responseSizeBytes: StoredCount.nullable(),
  error: Text.nullable(),
  assertions: z.array(AssertionResult).max(RESULT_LIMITS.assertionsPerExecution),
});
export type RequestExecution = z.infer<typeof RequestExecution>;

export const ConsoleLine = z.object({
  level: z.enum(["log", "info", "warn", "error", "debug", "stage"]),
  message: Text,
  loggedAt: z.iso.datetime(),
});
export type ConsoleLine = z.infer<typeof ConsoleLine>;

export const RunResult = z.object({
  outcome: RunOutcome,
  /** Why the run could not complete (Error, Abort); null otherwise. */
  errorMessage: Text.nullable(),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  /** Every request sent, retries included: what the team's usage meter counts. */
  requestCount: StoredCount,
  executions: z.array(RequestExecution).max(RESULT_LIMITS.executions),
  consoleLines: z.array(ConsoleLine).max(RESULT_LIMITS.consoleLines),
});
export type RunResult = z.infer<typeof RunResult>;

export const SubmitResultRequest = z.object({ instanceId: z.uuid(), leaseId: z.uuid(), result: RunResult });
export type SubmitResultRequest = z.infer<typeof SubmitResultRequest>;

/** The same answer for a repeated submission of one run and lease, so runners can retry freely. */
export const SubmitResultResponse = z.object({ accepted: z.literal(true), duplicate: z.boolean() });
export type SubmitResultResponse = z.infer<typeof SubmitResultResponse>;
