import type { RequestExecution, RunOutcome } from "@outpost/contracts";

export interface OutcomeInput {
  /** Why the run was stopped (maximum duration, cancellation); null if it ran to the end. */
  abortReason: string | null;
  /** An error of the run itself (the engine refused the collection, crashed); null otherwise. */
  runError: string | null;
  /** Final executions: for a retried request only its last attempt counts. */
  executions: readonly RequestExecution[];
}

/**
 * The outcome rules, most severe first:
 * - Abort: the run was stopped (maximum run duration exceeded, or the runner cancelled it).
 * - Error: the run could not do its job: the engine failed, or a request could not be completed
 *   (connection refused, DNS, timeout, blocked address) or a pre-request/test script threw.
 * - Failure: every request completed, but at least one `pm.test` assertion failed.
 * - Successful: otherwise. An HTTP error status with no test about it is still Successful, as in
 *   Postman monitors: the collection's tests define what "healthy" means, not the status code.
 */
export function decideOutcome(input: OutcomeInput): { outcome: RunOutcome; errorMessage: string | null } {
  if (input.abortReason) return { outcome: "abort", errorMessage: input.abortReason };
  if (input.runError) return { outcome: "error", errorMessage: input.runError };
  const broken = input.executions.find((execution) => execution.error !== null);
  if (broken) return { outcome: "error", errorMessage: `${broken.requestName}: ${broken.error}` };
  const failed = input.executions.some((execution) => execution.assertions.some((a) => !a.passed));
  return { outcome: failed ? "failure" : "successful", errorMessage: null };
}
