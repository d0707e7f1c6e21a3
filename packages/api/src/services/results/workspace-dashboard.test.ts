import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCollection, createMonitor, createRun, createTestDatabase, type TestDatabase } from "@outpost/db/testing";
import { createRunnerTeam } from "../../testing/runner-fixtures";
import { SPARKLINE_RUNS } from "./workspace-dashboard";

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

describe("workspace dashboard", () => {
  it("shows each monitor's health, 7-day success rate and its latest runs' response times", async () => {
    const t = await createRunnerTeam(handle);
    const collection = await createCollection(handle.db, t.team.id, t.w1.id);
    const ledger = await createMonitor(handle.db, t.team.id, t.w1.id, collection.id, { name: "Ledger" });
    const billing = await createMonitor(handle.db, t.team.id, t.w1.id, collection.id, { name: "Billing" });
    const idle = await createMonitor(handle.db, t.team.id, t.w1.id, collection.id, { name: "Idle", paused: true });
    const elsewhere = await createCollection(handle.db, t.team.id, t.w2.id);
    await createMonitor(handle.db, t.team.id, t.w2.id, elsewhere.id, { name: "In W2" });

    // Ledger: 40 hourly runs (the oldest 8 days ago), every tenth a failure; the newest 10 ms ... 40 ms.
    for (let i = 0; i < 40; i++) {
      await createRun(handle.db, ledger, {
        scheduledFor: hoursAgo(i === 39 ? 8 * 24 : i),
        outcome: i % 10 === 5 ? "failure" : "successful",
        executions: [{ requestName: "Health", responseTimeMs: 10 * (i + 1) }],
      });
    }
    // Billing: its last run failed; one run still queued is not counted.
    await createRun(handle.db, billing, { scheduledFor: hoursAgo(2), executions: [{ requestName: "Health", responseTimeMs: 100 }] });
    await createRun(handle.db, billing, {
      scheduledFor: hoursAgo(1),
      outcome: "error",
      executions: [{ requestName: "Health", responseTimeMs: null, error: "timeout" }],
    });
    await createRun(handle.db, billing, { scheduledFor: hoursAgo(0), status: "queued", attempt: 0 });

    const dashboard = await t.as("developer").results.dashboard({ workspaceId: t.w1.id });
    expect(dashboard.monitors.map((m) => [m.name, m.status, m.runs, m.successRate])).toEqual([
      ["Billing", "failing", 2, 50],
      ["Idle", "paused", 0, null],
      ["Ledger", "healthy", 39, (35 / 39) * 100],
    ]);
    const ledgerRow = dashboard.monitors.find((m) => m.id === ledger.id)!;
    expect(ledgerRow.sparkline).toHaveLength(SPARKLINE_RUNS);
    // Oldest first, ending with the newest run.
    expect(ledgerRow.sparkline.map((p) => p.responseTimeMs)).toEqual(Array.from({ length: SPARKLINE_RUNS }, (_, i) => 10 * (SPARKLINE_RUNS - i)));
    expect(ledgerRow.responseTimeMs).toBe(155);
    const billingRow = dashboard.monitors.find((m) => m.id === billing.id)!;
    expect(billingRow.sparkline.map((p) => [p.outcome, p.responseTimeMs])).toEqual([
      ["successful", 100],
      ["error", null],
    ]);
    expect(billingRow.responseTimeMs).toBe(100);
    expect(dashboard.monitors.find((m) => m.id === idle.id)!.sparkline).toEqual([]);
    expect(dashboard.totals).toEqual({ monitors: 3, healthy: 1, failing: 1, paused: 1, runs: 41, successRate: (36 / 41) * 100 });
  });
});
