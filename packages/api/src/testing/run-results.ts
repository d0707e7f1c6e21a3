import type { RunResult } from "@outpost/contracts";
import type { Database } from "@outpost/db";
import { claimRuns } from "../services/dispatch/claim-runs";
import { registerInstance } from "../services/dispatch/register-instance";
import type { AuthenticatedRunner } from "../services/dispatch/runner-identity";
import { submitResult } from "../services/dispatch/submit-result";
import { testSecrets } from "./caller";

/** A runner's result: Successful with one passing test, unless told otherwise. */
export function runResult(overrides: Partial<RunResult> = {}): RunResult {
  const finishedAt = new Date();
  return {
    outcome: "successful",
    errorMessage: null,
    startedAt: new Date(finishedAt.getTime() - 200).toISOString(),
    finishedAt: finishedAt.toISOString(),
    requestCount: 1,
    executions: [
      {
        position: 0,
        requestName: "Health",
        method: "GET",
        url: "http://127.0.0.1:9/health",
        statusCode: 200,
        responseTimeMs: 12,
        responseSizeBytes: 20,
        error: null,
        assertions: [{ name: "Status code is 200", passed: true, errorMessage: null }],
      },
    ],
    consoleLines: [],
    ...overrides,
  };
}

/** A Failure: the health check answered 500. */
export function failingResult(overrides: Partial<RunResult> = {}): RunResult {
  const base = runResult();
  return {
    ...base,
    outcome: "failure",
    executions: [
      {
        ...base.executions[0]!,
        statusCode: 500,
        assertions: [
          { name: "Status code is 200", passed: false, errorMessage: "expected response to have status code 200 but got 500" },
          { name: "Responds in time", passed: true, errorMessage: null },
        ],
      },
    ],
    ...overrides,
  };
}

/** A registered instance of `runner`, as a runner process makes at start-up. */
export async function registerTestInstance(db: Database, runner: AuthenticatedRunner) {
  const instanceId = crypto.randomUUID();
  await registerInstance(db, runner, { instanceId, hostname: "edge", os: "linux", runnerVersion: "0.1.0" });
  return instanceId;
}

/**
 * Claims the runner's queued runs and reports `result` for the one of `runId` (others claimed on
 * the way are reported Successful, so they don't linger). Returns the console's answer.
 */
export async function completeRun(db: Database, runner: AuthenticatedRunner, instanceId: string, runId: string, result: RunResult) {
  const jobs = await claimRuns(db, testSecrets, runner, { instanceId, max: 16 });
  const job = jobs.find((claimed) => claimed.runId === runId);
  if (!job) throw new Error(`run ${runId} was not in the runner's queue`);
  for (const other of jobs.filter((claimed) => claimed !== job)) {
    await submitResult(db, runner, other.runId, { instanceId, leaseId: other.lease.id, result: runResult() });
  }
  return submitResult(db, runner, runId, { instanceId, leaseId: job.lease.id, result });
}
