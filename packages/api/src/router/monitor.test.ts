import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addWorkspaceMember, createCollection, createTestDatabase, createUser, addTeamMember, type TestDatabase } from "@outpost/db/testing";
import { monitorRunners, runs } from "@outpost/db";
import { callerFor } from "../testing/caller";
import { createRunnerTeam } from "../testing/runner-fixtures";

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

async function setup() {
  const t = await createRunnerTeam(handle);
  const collection = await createCollection(handle.db, t.team.id, t.w1.id);
  const admin = t.as("admin");
  const { runner: everywhere } = await admin.runner.create({ name: "Everywhere", description: "", source: "runner_settings" });
  const { runner: onlyW2 } = await admin.runner.create({
    name: "Only W2",
    description: "",
    source: "runner_settings",
    visibility: { visibility: "selected_workspace", workspaceId: t.w2.id },
  });
  const fields = {
    workspaceId: t.w1.id,
    name: "Checkout API",
    collectionId: collection.id,
    schedule: { kind: "interval" as const, minutes: 5 },
  };
  return { ...t, collection, everywhere, onlyW2, fields };
}

describe("monitor runner selection", () => {
  it("lets a developer create a monitor on a runner visible in the workspace", async () => {
    const t = await setup();
    const created = await t.as("developer").monitor.create({
      ...t.fields,
      runners: { mode: "manual", runnerIds: [t.everywhere.id] },
    });
    expect(created.nextRunAt!.getTime()).toBeGreaterThan(Date.now());
    const [monitor] = await t.as("developer").monitor.list({ workspaceId: t.w1.id });
    expect(monitor).toMatchObject({ name: "Checkout API", runnerMode: "manual", status: "no_runs", runners: [{ id: t.everywhere.id }] });
  });

  it("refuses a runner restricted to another workspace, another team's runner, and private runners outside internal workspaces", async () => {
    const t = await setup();
    const other = await setup();
    const developer = t.as("developer");
    const refused = { code: "BAD_REQUEST", message: "One or more selected runners are not available in this workspace." };
    await expect(developer.monitor.create({ ...t.fields, runners: { mode: "manual", runnerIds: [t.onlyW2.id] } })).rejects.toMatchObject(refused);
    await expect(
      developer.monitor.create({ ...t.fields, runners: { mode: "manual", runnerIds: [t.everywhere.id, other.everywhere.id] } }),
    ).rejects.toMatchObject(refused);

    const personalCollection = await createCollection(handle.db, t.team.id, t.personal.id);
    await expect(
      developer.monitor.create({
        ...t.fields,
        workspaceId: t.personal.id,
        collectionId: personalCollection.id,
        runners: { mode: "manual", runnerIds: [t.everywhere.id] },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "Runners are only supported in internal workspaces." });
    // Auto-select works anywhere.
    await developer.monitor.create({ ...t.fields, workspaceId: t.personal.id, collectionId: personalCollection.id });
    expect(await handle.db.select().from(monitorRunners).where(eq(monitorRunners.runnerId, t.onlyW2.id))).toEqual([]);
  });

  it("refuses viewers, and another team's collection", async () => {
    const t = await setup();
    const viewer = await createUser(handle.db);
    await addTeamMember(handle.db, t.team.id, viewer.id, "developer");
    await addWorkspaceMember(handle.db, t.w1.id, viewer.id, "viewer");
    await expect(callerFor(handle.db, viewer.id).monitor.create(t.fields)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await callerFor(handle.db, viewer.id).monitor.list({ workspaceId: t.w1.id })).toEqual([]);

    const other = await setup();
    await expect(t.as("developer").monitor.create({ ...t.fields, collectionId: other.collection.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("keeps the plan's minimum interval", async () => {
    const t = await createRunnerTeam(handle, { plan: "free", enabled: false });
    const collection = await createCollection(handle.db, t.team.id, t.w1.id);
    const input = { workspaceId: t.w1.id, name: "M", collectionId: collection.id, schedule: { kind: "interval" as const, minutes: 5 } };
    await expect(t.as("developer").monitor.create(input)).rejects.toMatchObject({ message: "Your plan runs monitors at most every 60 minutes." });
    await t.as("developer").monitor.create({ ...input, schedule: { kind: "interval", minutes: 60 } });
  });
});

describe("monitor actions", () => {
  it("edits, pauses, resumes, runs now, logs activity and deletes", async () => {
    const t = await setup();
    const dev = t.as("developer");
    const onEverywhere = { mode: "manual" as const, runnerIds: [t.everywhere.id] };
    const { id: monitorId } = await dev.monitor.create({ ...t.fields, runners: onEverywhere });
    const at = { workspaceId: t.w1.id, monitorId };

    await dev.monitor.update({
      ...t.fields,
      ...at,
      runners: onEverywhere,
      name: "Checkout API v2",
      schedule: { kind: "daily", time: "09:00" },
      timezone: "Europe/Berlin",
    });
    expect(await dev.monitor.get(at)).toMatchObject({ name: "Checkout API v2", timezone: "Europe/Berlin", schedule: { kind: "daily" } });

    await dev.monitor.setPaused({ ...at, paused: true });
    expect(await dev.monitor.get(at)).toMatchObject({ paused: true, status: "paused" });
    await dev.monitor.setPaused({ ...at, paused: false });

    const { runIds } = await dev.monitor.runNow(at);
    expect(runIds).toHaveLength(1);
    const [run] = await handle.db.select().from(runs).where(eq(runs.id, runIds[0]!));
    expect(run).toMatchObject({ type: "manual", status: "queued", runnerId: t.everywhere.id, triggeredById: t.members.developer.id });
    // A second Run now while the first is still queued does not overlap it.
    await expect(dev.monitor.runNow(at)).rejects.toMatchObject({ code: "CONFLICT" });

    // A runner that a monitor uses can't be deleted.
    await expect(t.as("admin").runner.delete({ runnerId: t.everywhere.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining('"Checkout API v2"'),
    });

    const activity = await dev.monitor.activity(at);
    expect(activity.map((a) => a.action)).toEqual([
      "monitor.run_requested",
      "monitor.resumed",
      "monitor.paused",
      "monitor.updated",
      "monitor.created",
    ]);
    expect(activity[3]?.details).toEqual({ changed: ["name", "schedule", "timezone"] });

    await dev.monitor.delete(at);
    await expect(dev.monitor.get(at)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await t.as("admin").runner.delete({ runnerId: t.everywhere.id });
  });

  it("keeps another team out of a monitor", async () => {
    const t = await setup();
    const other = await setup();
    const { id: monitorId } = await t.as("developer").monitor.create(t.fields);
    const intruder = other.as("admin");
    for (const call of [
      () => intruder.monitor.get({ workspaceId: t.w1.id, monitorId }),
      () => intruder.monitor.delete({ workspaceId: t.w1.id, monitorId }),
      () => intruder.monitor.get({ workspaceId: other.w1.id, monitorId }),
      () => intruder.monitor.runNow({ workspaceId: other.w1.id, monitorId }),
      () => intruder.monitor.setPaused({ workspaceId: other.w1.id, monitorId, paused: true }),
      () => intruder.monitor.activity({ workspaceId: other.w1.id, monitorId }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });
});
