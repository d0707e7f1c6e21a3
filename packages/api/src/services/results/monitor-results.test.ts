import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCollection, createMonitor, createRun, createTestDatabase, type TestDatabase } from "@outpost/db/testing";
import { createRunnerTeam } from "../../testing/runner-fixtures";
import { summarizeMonitorResults } from "./monitor-summary";

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
const passed = (name: string) => ({ name, passed: true });
const failed = (name: string, errorMessage: string) => ({ name, passed: false, errorMessage });

/**
 * Known runs of one monitor with two requests, Health and Orders:
 *   successful — scheduled, hosted runner: Health 100 ms, Orders 300 ms, all tests pass
 *   failure    — manual, runner "Edge":    Health 200 ms, Orders 600 ms, Orders' test fails
 *   error      — scheduled, runner "Edge": Health failed to connect (no timing), Orders not sent
 *   old        — two days ago, successful: Health 1000 ms (outside the last 24 hours)
 */
async function setup() {
  const t = await createRunnerTeam(handle);
  const { runner: edge } = await t.as("admin").runner.create({ name: "Edge", description: "", source: "runner_settings" });
  const collection = await createCollection(handle.db, t.team.id, t.w1.id);
  const monitor = await createMonitor(handle.db, t.team.id, t.w1.id, collection.id);
  const old = await createRun(handle.db, monitor, {
    scheduledFor: minutesAgo(48 * 60),
    executions: [{ requestName: "Health", responseTimeMs: 1000, assertions: [passed("Status code is 200")] }],
  });
  const successful = await createRun(handle.db, monitor, {
    scheduledFor: minutesAgo(30),
    executions: [
      { requestName: "Health", responseTimeMs: 100, assertions: [passed("Status code is 200")] },
      { requestName: "Orders", responseTimeMs: 300, assertions: [passed("Status code is 200"), passed("Has orders")] },
    ],
  });
  const failure = await createRun(handle.db, monitor, {
    type: "manual",
    runnerId: edge.id,
    outcome: "failure",
    scheduledFor: minutesAgo(20),
    executions: [
      { requestName: "Health", responseTimeMs: 200, assertions: [passed("Status code is 200")] },
      { requestName: "Orders", responseTimeMs: 600, assertions: [passed("Status code is 200"), failed("Has orders", "expected 0 to be above 0")] },
    ],
  });
  const error = await createRun(handle.db, monitor, {
    runnerId: edge.id,
    outcome: "error",
    errorMessage: "connect ECONNREFUSED 127.0.0.1:9",
    scheduledFor: minutesAgo(10),
    executions: [{ requestName: "Health", responseTimeMs: null, statusCode: null, error: "connect ECONNREFUSED 127.0.0.1:9" }],
  });
  const at = { workspaceId: t.w1.id, monitorId: monitor.id };
  const developer = t.as("developer");
  const runs = (input: Omit<Parameters<typeof developer.results.runs>[0], "workspaceId" | "monitorId"> = {}) =>
    developer.results.runs({ ...at, ...input });
  const summary = (input: Omit<Parameters<typeof developer.results.summary>[0], "workspaceId" | "monitorId"> = {}) =>
    developer.results.summary({ ...at, ...input });
  return { ...t, edge, monitor, old, successful, failure, error, at, runs, summary };
}

describe("monitor results", () => {
  it("lists each run with its figure, tests and per-request split, oldest first", async () => {
    const t = await setup();
    const { runs, older, newer } = await t.runs();
    expect(older).toBeNull();
    expect(newer).toBeNull();
    expect(runs.map((r) => [r.id, r.outcome, r.responseTimeMs, r.failedTests, r.totalTests])).toEqual([
      [t.old.id, "successful", 1000, 0, 1],
      [t.successful.id, "successful", 200, 0, 3],
      [t.failure.id, "failure", 400, 1, 3],
      [t.error.id, "error", null, 0, 0],
    ]);
    expect(runs[2]).toMatchObject({ type: "manual", runnerName: "Edge", requests: [
      { requestName: "Health", responseTimeMs: 200 },
      { requestName: "Orders", responseTimeMs: 600 },
    ] });
    expect(runs[1]!.runnerId).toBeNull();
  });

  it("applies the formula to each run's request response times", async () => {
    const t = await setup();
    const figures = async (formula: "average" | "sum" | "min" | "max") =>
      (await t.runs({ filters: { formula } })).runs.slice(1, 3).map((r) => r.responseTimeMs);
    expect(await figures("average")).toEqual([200, 400]);
    expect(await figures("sum")).toEqual([400, 800]);
    expect(await figures("min")).toEqual([100, 200]);
    expect(await figures("max")).toEqual([300, 600]);
  });

  it("narrows figures, tests and the split to one request", async () => {
    const t = await setup();
    const orders = await t.runs({ filters: { formula: "average", request: "Orders" } });
    expect(orders.runs.map((r) => [r.responseTimeMs, r.failedTests, r.totalTests, r.requests.map((q) => q.requestName)])).toEqual([
      [null, 0, 0, []],
      [300, 0, 2, ["Orders"]],
      [600, 1, 2, ["Orders"]],
      [null, 0, 0, []],
    ]);
    const health = await t.runs({ filters: { formula: "average", request: "Health" } });
    expect(health.runs.map((r) => r.failedTests)).toEqual([0, 0, 0, 0]);
    expect(health.runs.map((r) => r.responseTimeMs)).toEqual([1000, 100, 200, null]);
  });

  it("filters runs by type, result and runner", async () => {
    const t = await setup();
    const ids = async (filters: Record<string, string>) => (await t.runs({ filters: { formula: "average", ...filters } })).runs.map((r) => r.id);
    expect(await ids({ type: "manual" })).toEqual([t.failure.id]);
    expect(await ids({ type: "scheduled" })).toEqual([t.old.id, t.successful.id, t.error.id]);
    expect(await ids({ type: "api" })).toEqual([]);
    expect(await ids({ outcome: "failure" })).toEqual([t.failure.id]);
    expect(await ids({ outcome: "successful" })).toEqual([t.old.id, t.successful.id]);
    expect(await ids({ outcome: "abort" })).toEqual([]);
    expect(await ids({ runner: "hosted" })).toEqual([t.old.id, t.successful.id]);
    expect(await ids({ runner: t.edge.id })).toEqual([t.failure.id, t.error.id]);
    expect(await ids({ runner: t.edge.id, outcome: "error" })).toEqual([t.error.id]);
  });

  it("summarizes the selected period with the same filters", async () => {
    const t = await setup();
    expect(await t.summary()).toEqual({
      period: "24h",
      runs: 3,
      outcomes: { successful: 1, failure: 1, error: 1, abort: 0 },
      successRate: (1 / 3) * 100,
      // The mean of the runs' averages (200 and 400); the error run has no timing.
      responseTimeMs: 300,
      responseTimeRuns: 3,
      inFlight: 0,
    });
    expect(await t.summary({ period: "7d" })).toMatchObject({ runs: 4, successRate: 50, responseTimeMs: 533 });
    expect(await t.summary({ filters: { formula: "max" } })).toMatchObject({ responseTimeMs: 450 });
    expect(await t.summary({ filters: { formula: "average", runner: t.edge.id } })).toMatchObject({ runs: 2, successRate: 0, responseTimeMs: 400 });
    expect(await t.summary({ filters: { formula: "sum", request: "Orders" } })).toMatchObject({ runs: 3, responseTimeMs: 450 });
    expect(await t.summary({ filters: { formula: "average", type: "api" } })).toMatchObject({ runs: 0, successRate: null, responseTimeMs: null });
  });

  it("bounds the response time to the period's latest runs, and says how many it covers", async () => {
    const t = await setup();
    const scope = { actor: { userId: t.members.developer.id, teamId: t.team.id, teamRole: "developer" as const }, team: t.team };
    const input = { monitorId: t.monitor.id, period: "7d" as const, filters: { formula: "average" as const } };
    // The two latest runs are the failure (400 ms) and the error (no timing); all four are counted.
    expect(await summarizeMonitorResults(handle.db, scope, t.w1, input, { responseTimeRuns: 2 })).toMatchObject({
      runs: 4,
      successRate: 50,
      responseTimeMs: 400,
      responseTimeRuns: 2,
    });
  });

  it("shows a run still on its way, and counts it as in flight", async () => {
    const t = await setup();
    const queued = await createRun(handle.db, t.monitor, { status: "queued", attempt: 0, scheduledFor: minutesAgo(0) });
    const { runs } = await t.runs();
    expect(runs.at(-1)).toMatchObject({ id: queued.id, status: "queued", outcome: null, responseTimeMs: null });
    expect(await t.summary()).toMatchObject({ runs: 3, inFlight: 1 });
    // A result filter only ever matches finished runs.
    expect((await t.runs({ filters: { formula: "average", outcome: "successful" } })).runs.map((r) => r.id)).not.toContain(queued.id);
  });

  it("offers the collection's requests and the monitor's runners as filters", async () => {
    const t = await setup();
    const collection = await createCollection(handle.db, t.team.id, t.w1.id, {
      definition: {
        info: { name: "Shop", schema: "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
        item: [
          { name: "Health", request: { method: "GET", url: "http://127.0.0.1:9/health" } },
          { name: "Orders", item: [{ name: "List orders", request: "http://127.0.0.1:9/orders" }, { request: "http://127.0.0.1:9/x" }] },
        ],
      },
    });
    const monitor = await createMonitor(handle.db, t.team.id, t.w1.id, collection.id);
    expect(await t.as("developer").results.filterOptions({ workspaceId: t.w1.id, monitorId: monitor.id })).toEqual({
      requests: ["Health", "List orders", "Untitled request"],
      runners: [{ id: "hosted", name: "Hosted runner" }],
    });
  });
});
