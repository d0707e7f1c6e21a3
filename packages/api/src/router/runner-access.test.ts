import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@outpost/db/testing";
import { createRunnerTeam } from "../testing/runner-fixtures";

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

const create = { name: "Build farm", description: "In the DC", source: "runner_settings" as const };

describe("who may do what with runners", () => {
  it("lets Team Admins and Super Admins create, update, reset and delete", async () => {
    const t = await createRunnerTeam(handle);
    for (const role of ["admin", "super_admin"] as const) {
      const created = await t.as(role).runner.create(create);
      const runnerId = created.runner.id;
      expect(await t.as(role).runner.update({ runnerId, name: "Renamed" })).toMatchObject({ name: "Renamed" });
      expect((await t.as(role).runner.resetKey({ runnerId })).key).not.toBe(created.key);
      await t.as(role).runner.delete({ runnerId });
    }
  });

  it("refuses developers and billing users every runner action, and changes nothing", async () => {
    const t = await createRunnerTeam(handle);
    const { runner } = await t.as("admin").runner.create(create);
    for (const role of ["developer", "billing"] as const) {
      const caller = t.as(role);
      const refused = { code: "FORBIDDEN" };
      await expect(caller.runner.create(create)).rejects.toMatchObject(refused);
      await expect(caller.runner.update({ runnerId: runner.id, name: "Hijacked" })).rejects.toMatchObject(refused);
      await expect(caller.runner.resetKey({ runnerId: runner.id })).rejects.toMatchObject(refused);
      await expect(caller.runner.delete({ runnerId: runner.id })).rejects.toMatchObject(refused);
      await expect(caller.runner.list()).rejects.toMatchObject(refused);
      await expect(caller.runner.installCommand({ runnerId: runner.id })).rejects.toMatchObject(refused);
    }
    const [still] = await t.as("admin").runner.list();
    expect(still).toMatchObject({ id: runner.id, name: "Build farm", keyLast4: runner.keyLast4 });
  });

  it("keeps one team's admin out of another team's runners", async () => {
    const a = await createRunnerTeam(handle);
    const b = await createRunnerTeam(handle);
    const { runner: bRunner } = await b.as("admin").runner.create(create);
    const notFound = { code: "NOT_FOUND" };
    const aAdmin = a.as("admin");

    expect(await aAdmin.runner.list()).toEqual([]);
    await expect(aAdmin.runner.get({ runnerId: bRunner.id })).rejects.toMatchObject(notFound);
    await expect(aAdmin.runner.installCommand({ runnerId: bRunner.id })).rejects.toMatchObject(notFound);
    await expect(aAdmin.runner.update({ runnerId: bRunner.id, name: "Mine" })).rejects.toMatchObject(notFound);
    await expect(aAdmin.runner.resetKey({ runnerId: bRunner.id })).rejects.toMatchObject(notFound);
    await expect(aAdmin.runner.delete({ runnerId: bRunner.id })).rejects.toMatchObject(notFound);
    // Nor can a runner be scoped to another team's workspace.
    await expect(
      aAdmin.runner.create({ ...create, visibility: { visibility: "selected_workspace", workspaceId: b.w1.id } }),
    ).rejects.toMatchObject(notFound);
    await expect(aAdmin.runner.listForWorkspace({ workspaceId: b.w1.id })).rejects.toMatchObject(notFound);

    expect(await b.as("admin").runner.get({ runnerId: bRunner.id })).toMatchObject({ name: "Build farm" });
  });

  it("lists a runner restricted to one workspace there and nowhere else", async () => {
    const t = await createRunnerTeam(handle);
    const admin = t.as("admin");
    const { runner: everywhere } = await admin.runner.create({ ...create, name: "Everywhere" });
    const { runner: onlyW1 } = await admin.runner.create({
      ...create,
      name: "Only W1",
      visibility: { visibility: "selected_workspace", workspaceId: t.w1.id },
    });
    const developer = t.as("developer");
    const ids = async (workspaceId: string) =>
      (await developer.runner.listForWorkspace({ workspaceId })).map((r) => r.id);

    expect(await ids(t.w1.id)).toEqual([everywhere.id, onlyW1.id]);
    expect(await ids(t.w2.id)).toEqual([everywhere.id]);
    // Personal workspaces have no runners at all.
    expect(await ids(t.personal.id)).toEqual([]);

    // Widening the visibility later makes it visible in W2 too.
    await admin.runner.update({ runnerId: onlyW1.id, visibility: { visibility: "all_internal_workspaces" } });
    expect(await ids(t.w2.id)).toEqual([everywhere.id, onlyW1.id]);
  });

  it("refuses restricting a runner to a personal workspace", async () => {
    const t = await createRunnerTeam(handle);
    await expect(
      t.as("admin").runner.create({
        ...create,
        visibility: { visibility: "selected_workspace", workspaceId: t.personal.id },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "Runners are only supported in internal workspaces." });
  });

  it("validates names with a clear message", async () => {
    const t = await createRunnerTeam(handle);
    await expect(t.as("admin").runner.create({ ...create, name: "   " })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("Give your runner a name."),
    });
  });
});
