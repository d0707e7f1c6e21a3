import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { monitors, runs, teams, usageMonths, type TeamPlan } from "@outpost/db";
import { createCollection, createTestDatabase, type TestDatabase } from "@outpost/db/testing";
import { createRunnerTeam } from "../../testing/runner-fixtures";
import { completeRun, registerTestInstance, runResult } from "../../testing/run-results";
import { scheduleDueMonitors } from "../dispatch/schedule-due";
import { runMonitorNow } from "../monitor/run-now";
import { setMonitorPaused } from "../monitor/set-paused";
import { usageMonth } from "./period";

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

// Explicit clocks: mid-June, and the first minutes of July (the next period).
const JUNE = new Date("2031-06-15T10:00:00Z");
const JULY = new Date("2031-07-01T00:05:00Z");

/** A team on `plan` with two Auto-select monitors due at JUNE, and `used` requests this period. */
async function teamWithDueMonitors(plan: TeamPlan, used: number) {
  const t = await createRunnerTeam(handle, { plan });
  const collection = await createCollection(handle.db, t.team.id, t.w1.id);
  const ids: string[] = [];
  for (const name of ["Orders", "Payments"]) {
    const { id } = await t.as("admin").monitor.create({
      workspaceId: t.w1.id,
      name,
      collectionId: collection.id,
      schedule: { kind: "interval", minutes: 60 },
    });
    ids.push(id);
  }
  // Only the first is due; the other must be paused too.
  await handle.db.update(monitors).set({ nextRunAt: new Date(JUNE.getTime() - 1_000) }).where(eq(monitors.id, ids[0]!));
  await handle.db.update(monitors).set({ nextRunAt: new Date(JUNE.getTime() + 3_600_000) }).where(eq(monitors.id, ids[1]!));
  if (used > 0) await handle.db.insert(usageMonths).values({ teamId: t.team.id, month: usageMonth(JUNE), requestCount: used });
  const scope = { actor: { userId: t.members.admin.id, teamId: t.team.id, teamRole: "admin" as const }, team: t.team };
  return { ...t, collection, ids, scope };
}

const monitorRows = (teamId: string) => handle.db.select().from(monitors).where(eq(monitors.teamId, teamId)).orderBy(monitors.name);
const runsOfTeam = (teamId: string) => handle.db.select().from(runs).where(eq(runs.teamId, teamId));

describe("the monthly request quota", () => {
  it("pauses a free team's monitors at its quota, schedules nothing, and refuses Run now and Resume", async () => {
    const t = await teamWithDueMonitors("free", 1_000);
    const result = await scheduleDueMonitors(handle.db, JUNE);
    expect(result.paused.sort()).toEqual([...t.ids].sort());
    expect(await runsOfTeam(t.team.id)).toEqual([]);

    const reason = "the Free plan's monthly quota of 1,000 requests is used up; runs resume on 1 July 2031";
    expect(await monitorRows(t.team.id)).toMatchObject([
      { name: "Orders", paused: true, pausedReason: reason, quotaPausedAt: JUNE },
      { name: "Payments", paused: true, pausedReason: reason },
    ]);
    // What the monitor list and page read.
    expect(await t.as("admin").monitor.get({ workspaceId: t.w1.id, monitorId: t.ids[0]! })).toMatchObject({
      status: "paused",
      pausedReason: reason,
    });

    const refusal = { code: "TOO_MANY_REQUESTS", message: "The Free plan's monthly quota of 1,000 requests is used up; runs resume on 1 July 2031." };
    await expect(runMonitorNow(handle.db, t.scope, t.w1, { monitorId: t.ids[0]! }, JUNE)).rejects.toMatchObject(refusal);
    await expect(
      setMonitorPaused(handle.db, t.scope, t.w1, { monitorId: t.ids[0]!, paused: false }, JUNE),
    ).rejects.toMatchObject(refusal);
    expect(await runsOfTeam(t.team.id)).toEqual([]);
  });

  it("resumes them by themselves in the next period, each on its schedule", async () => {
    const t = await teamWithDueMonitors("free", 1_000);
    await scheduleDueMonitors(handle.db, JUNE);
    // Still June: nothing changes, however often the scheduler passes.
    await scheduleDueMonitors(handle.db, new Date(JUNE.getTime() + 60_000));
    expect((await monitorRows(t.team.id)).every((m) => m.paused)).toBe(true);

    const result = await scheduleDueMonitors(handle.db, JULY);
    expect(result.resumed).toEqual(expect.arrayContaining(t.ids));
    const resumed = await monitorRows(t.team.id);
    expect(resumed).toMatchObject([
      { paused: false, pausedReason: null, quotaPausedAt: null },
      { paused: false, pausedReason: null, quotaPausedAt: null },
    ]);
    expect(resumed.every((m) => m.nextRunAt!.getTime() > JULY.getTime())).toBe(true);

    // And they run again: their next due times (on the hour, each at its own second) queue a run of each.
    const hour = new Date("2031-07-01T01:00:00Z").getTime();
    expect(resumed.filter((m) => m.nextRunAt!.getTime() < hour || m.nextRunAt!.getTime() >= hour + 60_000)).toEqual([]);
    await scheduleDueMonitors(handle.db, new Date(hour + 59_000));
    const queued = await runsOfTeam(t.team.id);
    expect(queued.map((run) => run.monitorId).sort()).toEqual([...t.ids].sort());
    const dueOf = new Map(resumed.map((m) => [m.id, m.nextRunAt!.getTime()]));
    expect(queued.every((run) => run.status === "queued" && run.scheduledFor.getTime() === dueOf.get(run.monitorId))).toBe(true);
  });

  it("runs a free team below its quota as usual", async () => {
    const t = await teamWithDueMonitors("free", 999);
    const result = await scheduleDueMonitors(handle.db, JUNE);
    expect(result.paused).toEqual([]);
    expect(await runsOfTeam(t.team.id)).toMatchObject([{ monitorId: t.ids[0], type: "scheduled" }]);
  });

  it("lets a paid team run on as overage, and pauses it like Free when an admin turned overage off", async () => {
    const onOverage = await teamWithDueMonitors("basic", 12_000);
    await scheduleDueMonitors(handle.db, JUNE);
    expect(await runsOfTeam(onOverage.team.id)).toHaveLength(1);
    expect((await monitorRows(onOverage.team.id)).some((m) => m.paused)).toBe(false);

    const t = await teamWithDueMonitors("basic", 10_000);
    await t.as("admin").usage.setOverage({ allowed: false });
    await scheduleDueMonitors(handle.db, JUNE);
    expect(await runsOfTeam(t.team.id)).toEqual([]);
    expect(await monitorRows(t.team.id)).toMatchObject([
      {
        paused: true,
        pausedReason:
          "the Basic plan's monthly quota of 10,000 requests is used up and overage is off; runs resume on 1 July 2031 or when a Team Admin allows overage",
      },
      { paused: true },
    ]);

    // Overage allowed again: the next pass resumes them within the same period.
    await t.as("admin").usage.setOverage({ allowed: true });
    const result = await scheduleDueMonitors(handle.db, new Date(JUNE.getTime() + 1_000));
    expect(result.resumed).toEqual(expect.arrayContaining(t.ids));
    expect((await monitorRows(t.team.id)).some((m) => m.paused)).toBe(false);
  });

  it("uses the team's own quota when the operator set one", async () => {
    const t = await teamWithDueMonitors("free", 50);
    await handle.db.update(teams).set({ requestQuota: 50 }).where(eq(teams.id, t.team.id));
    await scheduleDueMonitors(handle.db, JUNE);
    expect((await monitorRows(t.team.id))[0]).toMatchObject({
      paused: true,
      pausedReason: "the Free plan's monthly quota of 50 requests is used up; runs resume on 1 July 2031",
    });
  });

  it("leaves a monitor the user paused alone, and makes a quota pause the user's when they pause it", async () => {
    const t = await teamWithDueMonitors("free", 1_000);
    await handle.db.update(monitors).set({ paused: true }).where(eq(monitors.id, t.ids[1]!));
    await scheduleDueMonitors(handle.db, JUNE);
    const [orders, payments] = await monitorRows(t.team.id);
    expect(payments).toMatchObject({ paused: true, pausedReason: null, quotaPausedAt: null });
    expect(orders).toMatchObject({ paused: true, quotaPausedAt: JUNE });

    await setMonitorPaused(handle.db, t.scope, t.w1, { monitorId: orders!.id, paused: true }, JUNE);
    await scheduleDueMonitors(handle.db, JULY);
    expect(await monitorRows(t.team.id)).toMatchObject([
      { paused: true, pausedReason: null, quotaPausedAt: null },
      { paused: true },
    ]);
  });

  it("reaches the quota through results the runners report, retries included", async () => {
    const t = await teamWithDueMonitors("free", 995);
    const now = new Date();
    await handle.db
      .update(usageMonths)
      .set({ month: usageMonth(now) })
      .where(and(eq(usageMonths.teamId, t.team.id), eq(usageMonths.month, usageMonth(JUNE))));
    const { runIds } = await t.as("admin").monitor.runNow({ workspaceId: t.w1.id, monitorId: t.ids[0]! });
    const hosted = { kind: "hosted" as const };
    const instanceId = await registerTestInstance(handle.db, hosted);
    // Two requests, the second retried twice: six requests sent.
    await completeRun(handle.db, hosted, instanceId, runIds[0]!, runResult({ requestCount: 6, finishedAt: now.toISOString() }));

    const [usage] = await handle.db.select().from(usageMonths).where(eq(usageMonths.teamId, t.team.id));
    expect(usage).toMatchObject({ month: usageMonth(now), requestCount: 1_001 });
    await handle.db.update(monitors).set({ nextRunAt: new Date(now.getTime() - 1_000) }).where(eq(monitors.id, t.ids[0]!));
    await scheduleDueMonitors(handle.db, now);
    expect((await monitorRows(t.team.id)).every((m) => m.paused && m.quotaPausedAt)).toBe(true);
    expect(await runsOfTeam(t.team.id)).toHaveLength(1);
  });
});
