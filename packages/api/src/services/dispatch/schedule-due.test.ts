import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { monitors, runs, teams } from "@outpost/db";
import { createCollection, createMonitor, createTestDatabase, type TestDatabase } from "@outpost/db/testing";
import { createRunnerTeam } from "../../testing/runner-fixtures";
import { createDispatchLoop } from "./loop";
import { nextRunAt } from "../monitor/schedule";
import { SCHEDULE_BATCH, scheduleDueMonitors } from "./schedule-due";

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

async function dueMonitor(runnerMode: "auto" | "manual") {
  const t = await createRunnerTeam(handle);
  const { runner } = await t.as("admin").runner.create({ name: "R", description: "", source: "runner_settings" });
  const collection = await createCollection(handle.db, t.team.id, t.w1.id);
  const { id } = await t.as("admin").monitor.create({
    workspaceId: t.w1.id,
    name: "Due",
    collectionId: collection.id,
    schedule: { kind: "interval", minutes: 5 },
    runners: runnerMode === "manual" ? { mode: "manual", runnerIds: [runner.id] } : { mode: "auto" },
  });
  await handle.db.update(monitors).set({ nextRunAt: new Date(Date.now() - 1_000) }).where(eq(monitors.id, id));
  return { ...t, monitorId: id, runnerId: runner.id };
}

/** `count` Auto-select monitors of one new team, due a second ago, with a 5-minute schedule. */
async function dueMonitors(count: number) {
  const t = await createRunnerTeam(handle);
  const collection = await createCollection(handle.db, t.team.id, t.w1.id);
  const template = await createMonitor(handle.db, t.team.id, t.w1.id, collection.id, { nextRunAt: new Date(Date.now() - 1_000) });
  const { id: _id, name: _name, ...shared } = template;
  const rest = Array.from({ length: count - 1 }, (_, i) => ({ ...shared, name: `Due ${i}` }));
  const more = await handle.db.insert(monitors).values(rest).returning({ id: monitors.id });
  return [template.id, ...more.map((m) => m.id)];
}

const runsOf = (monitorId: string) => handle.db.select().from(runs).where(eq(runs.monitorId, monitorId));

describe("the scheduler", () => {
  it("queues one run per selected runner and moves the next run time on", async () => {
    const t = await dueMonitor("manual");
    await scheduleDueMonitors(handle.db);
    expect(await runsOf(t.monitorId)).toMatchObject([{ type: "scheduled", status: "queued", runnerId: t.runnerId }]);
    const [monitor] = await handle.db.select().from(monitors).where(eq(monitors.id, t.monitorId));
    expect(monitor!.nextRunAt!.getTime()).toBeGreaterThan(Date.now());
    // Not due any more: a second pass adds nothing.
    await scheduleDueMonitors(handle.db);
    expect(await runsOf(t.monitorId)).toHaveLength(1);
  });

  it("never overlaps a run still in flight on the same runner", async () => {
    const t = await dueMonitor("auto");
    await scheduleDueMonitors(handle.db);
    await handle.db.update(monitors).set({ nextRunAt: new Date(Date.now() - 1_000) }).where(eq(monitors.id, t.monitorId));
    await scheduleDueMonitors(handle.db);
    expect(await runsOf(t.monitorId)).toMatchObject([{ runnerId: null, status: "queued" }]);
  });

  it("skips private runners when the team lost private monitoring, and paused monitors", async () => {
    const t = await dueMonitor("manual");
    await handle.db.update(teams).set({ plan: "free" }).where(eq(teams.id, t.team.id));
    await scheduleDueMonitors(handle.db);
    expect(await runsOf(t.monitorId)).toEqual([]);

    const p = await dueMonitor("auto");
    await handle.db.update(monitors).set({ paused: true }).where(eq(monitors.id, p.monitorId));
    await scheduleDueMonitors(handle.db);
    expect(await runsOf(p.monitorId)).toEqual([]);
  });

  it("takes a backlog bigger than a batch in full batches, each monitor once, every next run time moved on", async () => {
    const ids = await dueMonitors(SCHEDULE_BATCH + 3);
    const before = await handle.db.select({ id: monitors.id, updatedAt: monitors.updatedAt }).from(monitors).where(inArray(monitors.id, ids));
    const now = new Date();
    const first = await scheduleDueMonitors(handle.db, now);
    expect(first).toMatchObject({ full: true });
    expect(first.queued).toHaveLength(SCHEDULE_BATCH);
    const second = await scheduleDueMonitors(handle.db, now);
    expect(second).toMatchObject({ full: false });
    expect(second.queued).toHaveLength(3);

    const queued = await handle.db.select({ monitorId: runs.monitorId }).from(runs).where(inArray(runs.monitorId, ids));
    expect(new Set(queued.map((r) => r.monitorId)).size).toBe(ids.length);
    expect(queued).toHaveLength(ids.length);
    const after = await handle.db.select().from(monitors).where(inArray(monitors.id, ids));
    // Each on its own second of the next 5-minute mark.
    expect(after.filter((m) => m.nextRunAt?.getTime() !== nextRunAt(m, now).getTime())).toEqual([]);
    expect(after.filter((m) => m.nextRunAt!.getTime() - now.getTime() > 5 * 60_000)).toEqual([]);
    // Moving the next run time is the system's doing, not a change anyone made.
    const updatedBefore = new Map(before.map((m) => [m.id, m.updatedAt.getTime()]));
    expect(after.filter((m) => m.updatedAt.getTime() !== updatedBefore.get(m.id))).toEqual([]);
  });

  it("runs as a loop that starts and stops cleanly", async () => {
    const t = await dueMonitor("auto");
    const errors: unknown[] = [];
    const loop = createDispatchLoop({ db: handle.db, intervalMs: 50, onError: (e) => errors.push(e) });
    loop.start();
    loop.start();
    for (let i = 0; i < 100 && (await runsOf(t.monitorId)).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    await loop.stop();
    expect(await runsOf(t.monitorId)).toHaveLength(1);
    expect(loop.lastTickAt()).toBeInstanceOf(Date);
    expect(errors).toEqual([]);
  });
});
