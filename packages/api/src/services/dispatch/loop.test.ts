import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { monitors, runs } from "@outpost/db";
import { createCollection, createMonitor, createTeam, createTestDatabase, createWorkspace, type TestDatabase } from "@outpost/db/testing";
import { createDispatchLoop, type DispatchIteration } from "./loop";
import { SCHEDULE_BATCH } from "./schedule-due";

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

/** `count` Auto-select monitors of a new team, first due at `at`. */
async function monitorsDueAt(count: number, at: Date) {
  const team = await createTeam(handle.db, { plan: "enterprise" });
  const workspace = await createWorkspace(handle.db, team.id);
  const collection = await createCollection(handle.db, team.id, workspace.id);
  const template = await createMonitor(handle.db, team.id, workspace.id, collection.id, { nextRunAt: at });
  const { id: _id, name: _name, ...shared } = template;
  const rest = Array.from({ length: count - 1 }, (_, i) => ({ ...shared, name: `Due ${i}` }));
  const more = rest.length > 0 ? await handle.db.insert(monitors).values(rest).returning({ id: monitors.id }) : [];
  return [template.id, ...more.map((m) => m.id)];
}

const runsOf = (ids: string[]) => handle.db.select().from(runs).where(inArray(runs.monitorId, ids));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => Promise<boolean>, ms: number) {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(25)) if (await check()) return true;
  return check();
}

describe("the dispatch loop", () => {
  it("goes straight on to the next batch while batches come back full", async () => {
    const ids = await monitorsDueAt(2 * SCHEDULE_BATCH + 1, new Date(Date.now() - 1_000));
    const errors: unknown[] = [];
    const iterations: DispatchIteration[] = [];
    // An idle interval far longer than the test: only the busy path can take the third batch.
    const loop = createDispatchLoop({
      db: handle.db,
      intervalMs: 60_000,
      onError: (e) => errors.push(e),
      onIteration: (iteration) => iterations.push(iteration),
    });
    loop.start();
    const drained = await waitFor(async () => (await runsOf(ids)).length === ids.length, 15_000);
    await loop.stop();
    expect(errors).toEqual([]);
    expect(drained).toBe(true);
    expect(loop.lastTickAt()).toBeInstanceOf(Date);
    // Two full batches back to back, then the rest; sweeping waits for the idle iteration.
    expect(iterations.slice(0, 3).map(({ queued, full, swept }) => ({ queued, full, swept }))).toEqual([
      { queued: SCHEDULE_BATCH, full: true, swept: true },
      { queued: SCHEDULE_BATCH, full: true, swept: false },
      { queued: 1, full: false, swept: true },
    ]);
  });

  it("wakes on the interval's boundary, so a monitor due then is queued at once", async () => {
    // Started half an interval past a boundary: a loop paced from its start would be ~500 ms late.
    await sleep(1_500 - (Date.now() % 1_000));
    const ids = await monitorsDueAt(1, new Date(Math.floor(Date.now() / 1_000) * 1_000 + 2_000));
    const loop = createDispatchLoop({ db: handle.db, intervalMs: 1_000 });
    loop.start();
    const queued = await waitFor(async () => (await runsOf(ids)).length === 1, 5_000);
    await loop.stop();
    expect(queued).toBe(true);
    const [run] = await runsOf(ids);
    expect(run!.queuedAt.getTime() - run!.scheduledFor.getTime()).toBeLessThan(300);
  });

  it("stops cleanly in the middle of a backlog and can start again", async () => {
    const ids = await monitorsDueAt(SCHEDULE_BATCH + 1, new Date(Date.now() - 1_000));
    const loop = createDispatchLoop({ db: handle.db, intervalMs: 60_000 });
    loop.start();
    loop.start();
    await loop.stop();
    await loop.stop();
    loop.start();
    expect(await waitFor(async () => (await runsOf(ids)).length === ids.length, 15_000)).toBe(true);
    await loop.stop();
    const [monitor] = await handle.db.select().from(monitors).where(eq(monitors.id, ids[0]!));
    expect(monitor!.nextRunAt!.getTime()).toBeGreaterThan(Date.now());
  });
});
