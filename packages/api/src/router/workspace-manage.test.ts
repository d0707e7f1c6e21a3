import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, createUser, type TestDatabase } from "@outpost/db/testing";
import { callerFor } from "../testing/caller";
import { createRunnerTeam } from "../testing/runner-fixtures";

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

describe("creating workspaces", () => {
  it("makes the creator its admin, and a personal workspace theirs alone", async () => {
    const t = await createRunnerTeam(handle);
    const created = await t.as("developer").workspace.create({ name: "Checkout squad", type: "internal" });
    expect(await t.as("developer").workspace.get({ workspaceId: created.id })).toMatchObject({ role: "admin", type: "internal" });

    const mine = await t.as("developer").workspace.create({ name: "Scratch", type: "personal" });
    await expect(t.as("admin").workspace.get({ workspaceId: mine.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses billing users and duplicate names", async () => {
    const t = await createRunnerTeam(handle);
    await expect(t.as("billing").workspace.create({ name: "Invoices", type: "internal" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(t.as("admin").workspace.create({ name: "W1", type: "internal" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: 'A workspace named "W1" already exists in your team.',
    });
    // The same name in another team is fine.
    const other = await createRunnerTeam(handle);
    await other.as("admin").workspace.create({ name: "Checkout squad", type: "public" });
  });
});

describe("workspace members", () => {
  it("lets a workspace admin give team members roles, and no one else", async () => {
    const t = await createRunnerTeam(handle);
    const admin = t.as("admin");
    const developer = t.as("developer");
    const w1 = { workspaceId: t.w1.id };

    // The developer edits W1 but does not administer it.
    await expect(developer.workspace.setMember({ ...w1, userId: t.members.billing.id, role: "viewer" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await admin.workspace.setMember({ ...w1, userId: t.members.billing.id, role: "viewer" });
    await admin.workspace.setMember({ ...w1, userId: t.members.developer.id, role: "viewer" });
    const members = await developer.workspace.members(w1);
    expect(members.map((m) => [m.userId, m.role]).sort()).toEqual(
      [
        [t.members.billing.id, "viewer"],
        [t.members.developer.id, "viewer"],
      ].sort(),
    );
    // Demoted to viewer, the developer can no longer create monitors there.
    await expect(
      developer.monitor.create({ workspaceId: t.w1.id, name: "x", collectionId: t.w1.id, schedule: { kind: "interval", minutes: 60 } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });

    await admin.workspace.removeMember({ ...w1, userId: t.members.billing.id });
    expect((await admin.workspace.members(w1)).map((m) => m.userId)).toEqual([t.members.developer.id]);
  });

  it("refuses people outside the team, personal workspaces and other teams' workspaces", async () => {
    const t = await createRunnerTeam(handle);
    const other = await createRunnerTeam(handle);
    const stranger = await createUser(handle.db);
    const admin = t.as("admin");
    await expect(admin.workspace.setMember({ workspaceId: t.w1.id, userId: stranger.id, role: "editor" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      admin.workspace.setMember({ workspaceId: t.w1.id, userId: other.members.admin.id, role: "editor" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const personal = await callerFor(handle.db, t.members.developer.id).workspace.create({ name: "Mine", type: "personal" });
    await expect(
      t.as("developer").workspace.setMember({ workspaceId: personal.id, userId: t.members.admin.id, role: "viewer" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(admin.workspace.members({ workspaceId: other.w1.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      admin.workspace.setMember({ workspaceId: other.w1.id, userId: t.members.developer.id, role: "admin" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lists the team's members for the member picker, only within the team", async () => {
    const t = await createRunnerTeam(handle);
    const members = await t.as("developer").team.members();
    expect(members.map((m) => m.userId).sort()).toEqual(Object.values(t.members).map((m) => m.id).sort());
  });
});
