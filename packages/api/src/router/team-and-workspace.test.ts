import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addTeamMember,
  addWorkspaceMember,
  createTeamWithMember,
  createTestDatabase,
  createUser,
  createWorkspace,
  type TestDatabase,
} from "@outpost/db/testing";
import { callerFor } from "../testing/caller";

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

describe("team.current", () => {
  it("refuses a signed-out caller", async () => {
    await expect(callerFor(handle.db, null).team.current()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("refuses a signed-in user who belongs to no team", async () => {
    const loner = await createUser(handle.db);
    await expect(callerFor(handle.db, loner.id).team.current()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("returns the caller's own team and role, never another team's", async () => {
    const a = await createTeamWithMember(handle.db, "admin");
    const b = await createTeamWithMember(handle.db, "developer");

    expect(await callerFor(handle.db, a.user.id).team.current()).toMatchObject({ id: a.team.id, role: "admin" });
    expect(await callerFor(handle.db, b.user.id).team.current()).toMatchObject({ id: b.team.id, role: "developer" });
    // Asking for another team by id falls back to a team the user really belongs to.
    expect(await callerFor(handle.db, a.user.id, b.team.id).team.current()).toMatchObject({ id: a.team.id });
  });
});

describe("workspace.list", () => {
  it("refuses a signed-out caller", async () => {
    await expect(callerFor(handle.db, null).workspace.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("lists only the caller's team's workspaces the caller may open", async () => {
    const a = await createTeamWithMember(handle.db, "developer");
    const b = await createTeamWithMember(handle.db, "admin");
    const admin = await createUser(handle.db);
    await addTeamMember(handle.db, a.team.id, admin.id, "admin");
    const unjoined = await createWorkspace(handle.db, a.team.id, { name: "Unjoined" });
    const adminsPersonal = await createWorkspace(handle.db, a.team.id, {
      name: "Admin's own",
      type: "personal",
      ownerId: admin.id,
    });

    const developerSees = await callerFor(handle.db, a.user.id).workspace.list();
    expect(developerSees.map((w) => w.id)).toEqual([a.workspace.id]);
    expect(developerSees[0]?.role).toBe("editor");

    // A team admin sees every shared workspace of the team, and only their own personal one.
    const adminSees = await callerFor(handle.db, admin.id).workspace.list();
    expect(adminSees.map((w) => w.id).sort()).toEqual([a.workspace.id, unjoined.id, adminsPersonal.id].sort());
    expect(adminSees.every((w) => w.role === "admin")).toBe(true);
    expect(adminSees.map((w) => w.id)).not.toContain(b.workspace.id);

    await addWorkspaceMember(handle.db, unjoined.id, a.user.id, "viewer");
    const afterJoin = await callerFor(handle.db, a.user.id).workspace.list();
    expect(afterJoin.find((w) => w.id === unjoined.id)?.role).toBe("viewer");
    expect(afterJoin.map((w) => w.id)).not.toContain(adminsPersonal.id);
  });

  it("does not open another team's workspace by id", async () => {
    const a = await createTeamWithMember(handle.db, "super_admin");
    const b = await createTeamWithMember(handle.db, "admin");
    await expect(
      callerFor(handle.db, a.user.id).workspace.get({ workspaceId: b.workspace.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await callerFor(handle.db, a.user.id).workspace.get({ workspaceId: a.workspace.id })).toMatchObject({
      id: a.workspace.id,
      role: "admin",
    });
  });

  it("rejects a malformed workspace id with a clear error", async () => {
    const a = await createTeamWithMember(handle.db, "admin");
    await expect(callerFor(handle.db, a.user.id).workspace.get({ workspaceId: "nope" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});
