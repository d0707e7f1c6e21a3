import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addTeamMember,
  addWorkspaceMember,
  createCollection,
  createMonitor,
  createRun,
  createTestDatabase,
  createUser,
  type TestDatabase,
} from "@outpost/db/testing";
import { callerFor } from "../../testing/caller";
import { createRunnerTeam } from "../../testing/runner-fixtures";

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

/** A team with a monitor in W1 that has one run, and one in W2. */
async function setup() {
  const t = await createRunnerTeam(handle);
  const collection = await createCollection(handle.db, t.team.id, t.w1.id);
  const monitor = await createMonitor(handle.db, t.team.id, t.w1.id, collection.id, { name: "Checkout" });
  const run = await createRun(handle.db, monitor, {
    executions: [{ requestName: "Health", responseTimeMs: 120, assertions: [{ name: "Status code is 200", passed: true }] }],
  });
  const w2Collection = await createCollection(handle.db, t.team.id, t.w2.id);
  const w2Monitor = await createMonitor(handle.db, t.team.id, t.w2.id, w2Collection.id);
  const w2Run = await createRun(handle.db, w2Monitor);
  return { ...t, monitor, run, w2Monitor, w2Run };
}

/** Every results procedure for one monitor (and run), as `caller` in `workspaceId`. */
function everyProcedure(caller: ReturnType<typeof callerFor>, workspaceId: string, monitorId: string, runId: string) {
  const at = { workspaceId, monitorId };
  return {
    summary: () => caller.results.summary(at),
    runs: () => caller.results.runs(at),
    filterOptions: () => caller.results.filterOptions(at),
    run: () => caller.results.run({ ...at, runId }),
  };
}

describe("results are scoped to the caller's team, workspace and monitor", () => {
  it("answers a developer of the workspace", async () => {
    const t = await setup();
    const calls = everyProcedure(t.as("developer"), t.w1.id, t.monitor.id, t.run.id);
    expect((await calls.runs()).runs.map((r) => r.id)).toEqual([t.run.id]);
    expect(await calls.summary()).toMatchObject({ runs: 1, successRate: 100, responseTimeMs: 120 });
    expect(await calls.run()).toMatchObject({ id: t.run.id, runner: { kind: "hosted", name: "Hosted runner" } });
    expect((await t.as("developer").results.dashboard({ workspaceId: t.w1.id })).monitors).toHaveLength(1);
  });

  it("says not found for another team's monitor and run, whatever workspace is named", async () => {
    const t = await setup();
    const other = await setup();
    const developer = t.as("developer");
    const cases = [
      // Another team's monitor and run, asked in one's own workspace.
      everyProcedure(developer, t.w1.id, other.monitor.id, other.run.id),
      // Another team's workspace.
      everyProcedure(developer, other.w1.id, other.monitor.id, other.run.id),
    ];
    for (const calls of cases) {
      for (const call of Object.values(calls)) await expect(call()).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await expect(developer.results.dashboard({ workspaceId: other.w1.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Own monitor, another team's run id.
    await expect(developer.results.run({ workspaceId: t.w1.id, monitorId: t.monitor.id, runId: other.run.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "Run not found.",
    });
  });

  it("says not found for a run of another monitor, and a monitor asked through another workspace", async () => {
    const t = await setup();
    const developer = t.as("developer");
    await expect(developer.results.run({ workspaceId: t.w1.id, monitorId: t.monitor.id, runId: t.w2Run.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    for (const call of Object.values(everyProcedure(developer, t.w1.id, t.w2Monitor.id, t.w2Run.id))) {
      await expect(call()).rejects.toMatchObject({ code: "NOT_FOUND", message: "Monitor not found." });
    }
    await expect(developer.results.run({ workspaceId: t.w1.id, monitorId: t.monitor.id, runId: randomUUID() })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("lets a viewer read their workspace's results and refuses them elsewhere; refuses the signed-out", async () => {
    const t = await setup();
    const viewer = await createUser(handle.db);
    await addTeamMember(handle.db, t.team.id, viewer.id, "developer");
    await addWorkspaceMember(handle.db, t.w2.id, viewer.id, "viewer");
    const asViewer = callerFor(handle.db, viewer.id);

    expect((await asViewer.results.runs({ workspaceId: t.w2.id, monitorId: t.w2Monitor.id })).runs).toHaveLength(1);
    for (const call of Object.values(everyProcedure(asViewer, t.w1.id, t.monitor.id, t.run.id))) {
      await expect(call()).rejects.toMatchObject({ code: "NOT_FOUND", message: "Workspace not found." });
    }
    await expect(asViewer.results.dashboard({ workspaceId: t.w1.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Billing sees usage, not workspaces it is not a member of.
    await expect(t.as("billing").results.summary({ workspaceId: t.w1.id, monitorId: t.monitor.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    for (const call of Object.values(everyProcedure(callerFor(handle.db, null), t.w1.id, t.monitor.id, t.run.id))) {
      await expect(call()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    }
  });

  it("refuses malformed input before it reaches the database", async () => {
    const t = await setup();
    const developer = t.as("developer");
    await expect(developer.results.runs({ workspaceId: t.w1.id, monitorId: "not-a-uuid" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      developer.results.runs({ workspaceId: t.w1.id, monitorId: t.monitor.id, filters: { formula: "median" as "average" } }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      developer.results.runs({ workspaceId: t.w1.id, monitorId: t.monitor.id, page: { kind: "older", before: "1; drop table runs" } }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
