import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCollection, createMonitor, createRun, createTestDatabase, type TestDatabase } from "@outpost/db/testing";
import { createRunnerTeam } from "../../testing/runner-fixtures";

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

const START = Date.UTC(2025, 0, 10, 8, 0);
const minute = (n: number) => new Date(START + n * 60_000);

/**
 * 13 runs: one a minute for minutes 0–9, and three at minute 10 (one per runner at the same
 * scheduled time, the ties keyset paging must not lose). Every third one failed.
 */
async function setup() {
  const t = await createRunnerTeam(handle);
  const collection = await createCollection(handle.db, t.team.id, t.w1.id);
  const monitor = await createMonitor(handle.db, t.team.id, t.w1.id, collection.id);
  const times = [...Array.from({ length: 10 }, (_, i) => minute(i)), minute(10), minute(10), minute(10)];
  const created = [];
  for (const [index, scheduledFor] of times.entries()) {
    created.push(await createRun(handle.db, monitor, { scheduledFor, outcome: index % 3 === 2 ? "failure" : "successful" }));
  }
  const developer = t.as("developer");
  const runs = (input: Omit<Parameters<typeof developer.results.runs>[0], "workspaceId" | "monitorId">) =>
    developer.results.runs({ workspaceId: t.w1.id, monitorId: monitor.id, limit: 4, ...input });
  /** The ids in history order: by scheduled time, ties by id. */
  const ordered = [...created].sort((a, b) => a.scheduledFor.getTime() - b.scheduledFor.getTime() || a.id.localeCompare(b.id)).map((r) => r.id);
  return { ...t, monitor, runs, ordered, created };
}

describe("paging through a monitor's history", () => {
  it("walks back to the beginning and forward again, every run exactly once, ties included", async () => {
    const t = await setup();
    const latest = await t.runs({});
    expect(latest.runs.map((r) => r.id)).toEqual(t.ordered.slice(-4));
    expect(latest.newer).toBeNull();

    const seen = [...latest.runs.map((r) => r.id)];
    let page = latest;
    while (page.older) {
      page = await t.runs({ page: { kind: "older", before: page.older } });
      seen.unshift(...page.runs.map((r) => r.id).filter((id) => !seen.includes(id)));
    }
    expect(seen).toEqual(t.ordered);
    // Past the beginning, the oldest full page is shown rather than a short one.
    expect(page.runs.map((r) => r.id)).toEqual(t.ordered.slice(0, 4));
    expect(page.older).toBeNull();

    const forward = [...page.runs.map((r) => r.id)];
    while (page.newer) {
      page = await t.runs({ page: { kind: "newer", after: page.newer } });
      forward.push(...page.runs.map((r) => r.id).filter((id) => !forward.includes(id)));
    }
    expect(forward).toEqual(t.ordered);
    expect(page.runs.map((r) => r.id)).toEqual(t.ordered.slice(-4));
  });

  it("pages within the filters", async () => {
    const t = await setup();
    const failures = t.ordered.filter((id) => t.created.find((r) => r.id === id)!.outcome === "failure");
    const filters = { formula: "average" as const, outcome: "failure" as const };
    expect(failures).toHaveLength(4);
    const latest = await t.runs({ filters, limit: 3 });
    expect(latest.runs.map((r) => r.id)).toEqual(failures.slice(-3));
    const older = await t.runs({ filters, limit: 3, page: { kind: "older", before: latest.older! } });
    // Only one failure is older than the latest page's: the oldest full page is shown.
    expect(older.runs.map((r) => r.id)).toEqual(failures.slice(0, 3));
    expect(older.older).toBeNull();
  });

  it("goes to a date: the page starts at the first run from that instant", async () => {
    const t = await setup();
    const at3 = await t.runs({ page: { kind: "from", at: minute(3) } });
    expect(at3.runs.map((r) => r.scheduledFor)).toEqual([minute(3), minute(4), minute(5), minute(6)]);
    expect(at3.older).not.toBeNull();
    expect(at3.newer).not.toBeNull();
    expect((await t.runs({ page: { kind: "older", before: at3.older! } })).runs.map((r) => r.scheduledFor)).toEqual([
      minute(0),
      minute(1),
      minute(2),
      minute(3),
    ]);

    const beforeHistory = await t.runs({ page: { kind: "from", at: minute(-60) } });
    expect(beforeHistory.runs.map((r) => r.id)).toEqual(t.ordered.slice(0, 4));
    expect(beforeHistory.older).toBeNull();

    // Fewer than a page from there on (or a date in the future): the latest page holds them.
    for (const at of [minute(9), minute(60)]) {
      const late = await t.runs({ page: { kind: "from", at } });
      expect(late.runs.map((r) => r.id)).toEqual(t.ordered.slice(-4));
      expect(late.newer).toBeNull();
    }
  });

  it("treats an unknown cursor as the start of nothing, and falls back to the latest page", async () => {
    const t = await setup();
    const other = await setup();
    // A cursor from another monitor never positions this one's history.
    const page = await t.runs({ page: { kind: "newer", after: other.ordered[0]! } });
    expect(page.runs.map((r) => r.id)).toEqual(t.ordered.slice(-4));
  });
});
