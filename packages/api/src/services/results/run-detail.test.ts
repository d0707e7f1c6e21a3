import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCollection, createMonitor, createRun, createTestDatabase, type TestDatabase } from "@outpost/db/testing";
import type { RunResult } from "@outpost/contracts";
import { testSecrets } from "../../testing/caller";
import { createRunnerTeam } from "../../testing/runner-fixtures";
import { claimRuns } from "../dispatch/claim-runs";
import { registerInstance } from "../dispatch/register-instance";
import { submitResult } from "../dispatch/submit-result";

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

const now = Date.now();
const at = (ms: number) => new Date(now + ms).toISOString();

/** What a runner reports for a collection with a passing and a failing request, secrets already masked. */
const reported: RunResult = {
  outcome: "failure",
  errorMessage: null,
  startedAt: at(0),
  finishedAt: at(400),
  requestCount: 2,
  executions: [
    {
      position: 0,
      requestName: "Health",
      method: "GET",
      url: "http://127.0.0.1:9/health?token=********",
      statusCode: 200,
      responseTimeMs: 12,
      responseSizeBytes: 20,
      error: null,
      assertions: [{ name: "Status code is 200", passed: true, errorMessage: null }],
    },
    {
      position: 1,
      requestName: "Orders",
      method: "POST",
      url: "http://127.0.0.1:9/orders",
      statusCode: 500,
      responseTimeMs: 48,
      responseSizeBytes: 310,
      error: null,
      assertions: [
        { name: "Status code is 201", passed: false, errorMessage: "expected response to have status code 201 but got 500" },
        { name: "Responds quickly", passed: true, errorMessage: null },
      ],
    },
  ],
  consoleLines: [
    { level: "stage", message: 'Run started: "Shop" with 2 requests', loggedAt: at(1) },
    { level: "log", message: "order total 42", loggedAt: at(200) },
    { level: "stage", message: "Run finished: failure, 2 requests sent in 399 ms", loggedAt: at(399) },
  ],
};

describe("run detail", () => {
  it("shows a result stored by the real ingestion path: requests, tests, runner, instance and stages", async () => {
    const t = await createRunnerTeam(handle);
    const admin = t.as("admin");
    const { runner } = await admin.runner.create({ name: "Data centre", description: "", source: "runner_settings" });
    const collection = await createCollection(handle.db, t.team.id, t.w1.id);
    const { id: monitorId } = await admin.monitor.create({
      workspaceId: t.w1.id,
      name: "Shop",
      collectionId: collection.id,
      schedule: { kind: "interval", minutes: 60 },
      runners: { mode: "manual", runnerIds: [runner.id] },
    });
    const { runIds } = await t.as("developer").monitor.runNow({ workspaceId: t.w1.id, monitorId });
    const identity = { kind: "private" as const, id: runner.id, teamId: t.team.id };
    const instanceId = crypto.randomUUID();
    await registerInstance(handle.db, identity, { instanceId, hostname: "edge-01", os: "linux", runnerVersion: "0.1.0" });

    const ref = { workspaceId: t.w1.id, monitorId, runId: runIds[0]! };
    const waiting = await t.as("developer").results.run(ref);
    expect(waiting).toMatchObject({ status: "queued", requests: [], instance: null });
    expect(waiting.timeline.map((e) => e.message)).toEqual([
      expect.stringMatching(/^Queued: manual run by User [0-9a-f]+, for Data centre$/),
      "Waiting for Data centre to pick up the run",
    ]);

    const [job] = await claimRuns(handle.db, testSecrets, identity, { instanceId, max: 1 });
    expect((await t.as("developer").results.run(ref)).timeline.at(-1)).toMatchObject({ message: "Running on Data centre" });
    await submitResult(handle.db, identity, job!.runId, { instanceId, leaseId: job!.lease.id, result: reported });

    const run = await t.as("developer").results.run(ref);
    expect(run).toMatchObject({
      status: "finished",
      outcome: "failure",
      type: "manual",
      requestCount: 2,
      durationMs: 400,
      runner: { kind: "private", id: runner.id, name: "Data centre" },
      instance: { id: instanceId, hostname: "edge-01", os: "linux", runnerVersion: "0.1.0" },
      tests: { passed: 2, failed: 1 },
    });
    expect(run.requests).toEqual([
      {
        position: 0,
        requestName: "Health",
        method: "GET",
        url: "http://127.0.0.1:9/health?token=********",
        statusCode: 200,
        responseTimeMs: 12,
        responseSizeBytes: 20,
        error: null,
        tests: [{ name: "Status code is 200", passed: true, errorMessage: null }],
      },
      {
        position: 1,
        requestName: "Orders",
        method: "POST",
        url: "http://127.0.0.1:9/orders",
        statusCode: 500,
        responseTimeMs: 48,
        responseSizeBytes: 310,
        error: null,
        tests: [
          { name: "Status code is 201", passed: false, errorMessage: "expected response to have status code 201 but got 500" },
          { name: "Responds quickly", passed: true, errorMessage: null },
        ],
      },
    ]);
    expect(run.timeline.map(({ level, message }) => [level, message])).toEqual([
      ["stage", expect.stringMatching(/^Queued: manual run by .+, for Data centre$/)],
      ["stage", "Claimed by Data centre on instance edge-01 (linux, runner 0.1.0)"],
      ["stage", 'Run started: "Shop" with 2 requests'],
      ["log", "order total 42"],
      ["stage", "Run finished: failure, 2 requests sent in 399 ms"],
      ["error", "Result: Failure — 1 of 3 tests failed"],
    ]);

    // The same run in the monitor's results.
    const { runs } = await t.as("developer").results.runs({ workspaceId: t.w1.id, monitorId });
    expect(runs).toMatchObject([{ id: run.id, outcome: "failure", responseTimeMs: 30, failedTests: 1, totalTests: 3, runnerName: "Data centre" }]);
  });

  it("names the hosted runner, tells a lapsed lease and a lost runner, and lists request errors", async () => {
    const t = await createRunnerTeam(handle);
    const collection = await createCollection(handle.db, t.team.id, t.w1.id);
    const monitor = await createMonitor(handle.db, t.team.id, t.w1.id, collection.id);
    const run = await createRun(handle.db, monitor, {
      outcome: "error",
      errorMessage: "Error: runner lost",
      attempt: 2,
      executions: [{ requestName: "Health", responseTimeMs: null, statusCode: null, error: "connect ECONNREFUSED 127.0.0.1:9" }],
    });
    const detail = await t.as("developer").results.run({ workspaceId: t.w1.id, monitorId: monitor.id, runId: run.id });
    expect(detail.runner).toEqual({ kind: "hosted", name: "Hosted runner" });
    expect(detail.timeline.map((e) => e.message)).toEqual([
      "Queued: scheduled run, for Hosted runner",
      "Claimed by Hosted runner",
      "The instance stopped renewing its lease: the run went back to the queue",
      "Claimed again by Hosted runner (attempt 2)",
      '"Health": connect ECONNREFUSED 127.0.0.1:9',
      "Result: Error — runner lost",
    ]);
  });
});
