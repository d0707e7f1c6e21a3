import type { Job, RunResult } from "@outpost/contracts";

/** What a simulated run reports: `requests` executions with `testsPerRequest` tests each, and a few console lines. */
export interface ResultShape {
  requests: number;
  testsPerRequest: number;
  /** One run in this many fails its first test (0: none), so notification decisions take the failure path too. */
  failEvery: number;
}

export const SMALL_RESULT: ResultShape = { requests: 1, testsPerRequest: 1, failEvery: 0 };
/** A few requests and assertions, as a typical API check reports them. */
export const REALISTIC_RESULT: ResultShape = { requests: 3, testsPerRequest: 2, failEvery: 50 };

const TEST_NAMES = ["Status code is 200", "Body has items", "Responds within 500 ms", "Has a request id"];

/** The result of `job`, as the agent would submit it right after running the monitor's requests. */
export function buildResult(job: Job, shape: ResultShape, sequence: number): RunResult {
  const failed = shape.failEvery > 0 && sequence % shape.failEvery === 0;
  const started = Date.now() - 40 - shape.requests * 30;
  const executions = Array.from({ length: shape.requests }, (_, position) => ({
    position,
    requestName: `Request ${position + 1}`,
    method: "GET",
    url: `https://orders.internal.example/items/${position + 1}?page=1&limit=50`,
    statusCode: failed && position === 0 ? 503 : 200,
    responseTimeMs: 20 + ((sequence + position * 7) % 60),
    responseSizeBytes: 1_200 + position * 300,
    error: null,
    assertions: Array.from({ length: shape.testsPerRequest }, (_, index) => {
      const passed = !(failed && position === 0 && index === 0);
      return { name: TEST_NAMES[index % TEST_NAMES.length]!, passed, errorMessage: passed ? null : "expected 503 to equal 200" };
    }),
  }));
  const at = (offset: number) => new Date(started + offset).toISOString();
  return {
    outcome: failed ? "failure" : "successful",
    errorMessage: null,
    startedAt: at(0),
    finishedAt: at(40 + shape.requests * 30),
    requestCount: shape.requests,
    executions,
    consoleLines: [
      { level: "stage", message: `Run started: "${job.monitor.name}" with ${shape.requests} requests`, loggedAt: at(0) },
      { level: "log", message: "items: 12", loggedAt: at(20) },
      { level: "stage", message: `Run finished, ${shape.requests} requests sent`, loggedAt: at(40 + shape.requests * 30) },
    ],
  };
}
