import type { RunResult } from "@outpost/contracts";
import type { NotifiedTest } from "@outpost/db";

/** What a notification lists of a run's failures: enough to act on, never the whole result. */
export const NOTIFIED_TESTS_MAX = 10;
const NAME_MAX = 200;
const MESSAGE_MAX = 300;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The failed tests of a result, and requests that failed without a test (a network error), in run
 * order. Names and messages come from the runner, which masks secret values before sending them.
 */
export function failedTestsOf(result: Pick<RunResult, "executions">): NotifiedTest[] {
  return result.executions.flatMap((execution) => {
    const request = clip(execution.requestName, NAME_MAX);
    const tests = execution.assertions
      .filter((assertion) => !assertion.passed)
      .map((assertion) => ({
        request,
        test: clip(assertion.name, NAME_MAX),
        message: assertion.errorMessage === null ? null : clip(assertion.errorMessage, MESSAGE_MAX),
      }));
    return execution.error === null ? tests : [{ request, test: "Request failed", message: clip(execution.error, MESSAGE_MAX) }, ...tests];
  });
}
