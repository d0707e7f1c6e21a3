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

const fromSettings = { name: "R", description: "", source: "runner_settings" as const };
const fromEditor = { name: "R", description: "", source: "monitor_editor" as const };

describe("plans and runners", () => {
  it("a free team cannot create runners anywhere", async () => {
    const t = await createRunnerTeam(handle, { plan: "free", enabled: false });
    for (const input of [fromSettings, fromEditor]) {
      await expect(t.as("admin").runner.create(input)).rejects.toMatchObject({
        code: "FORBIDDEN",
        message: expect.stringContaining("Basic, Professional and Enterprise"),
      });
    }
    expect(await t.as("developer").runner.listForWorkspace({ workspaceId: t.w1.id })).toEqual([]);
  });

  it("a professional team cannot open Runner settings, but creates runners from the monitor editor", async () => {
    const t = await createRunnerTeam(handle, { plan: "professional", enabled: false });
    const admin = t.as("admin");
    const settingsOnly = { code: "FORBIDDEN", message: expect.stringContaining("Enterprise plans only") };
    await expect(admin.runner.list()).rejects.toMatchObject(settingsOnly);
    await expect(admin.runner.create(fromSettings)).rejects.toMatchObject(settingsOnly);

    const { runner } = await admin.runner.create(fromEditor);
    expect(runner).toMatchObject({ visibility: "all_internal_workspaces", workspaceId: null });
    await expect(admin.runner.get({ runnerId: runner.id })).rejects.toMatchObject(settingsOnly);
    // Restricting visibility is a Runner settings action, from either path.
    await expect(
      admin.runner.create({ ...fromEditor, visibility: { visibility: "selected_workspace", workspaceId: t.w1.id } }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      admin.runner.update({ runnerId: runner.id, visibility: { visibility: "selected_workspace", workspaceId: t.w1.id } }),
    ).rejects.toMatchObject(settingsOnly);
    // Visible in every internal workspace of the team.
    for (const workspaceId of [t.w1.id, t.w2.id]) {
      expect((await t.as("developer").runner.listForWorkspace({ workspaceId })).map((r) => r.id)).toEqual([runner.id]);
    }
  });

  it("an enterprise team needs private monitoring enabled by the operator", async () => {
    const off = await createRunnerTeam(handle, { plan: "enterprise", enabled: false });
    for (const input of [fromSettings, fromEditor]) {
      await expect(off.as("admin").runner.create(input)).rejects.toMatchObject({
        code: "FORBIDDEN",
        message: expect.stringContaining("not enabled"),
      });
    }
    await expect(off.as("admin").runner.list()).rejects.toMatchObject({ code: "FORBIDDEN" });

    const on = await createRunnerTeam(handle, { plan: "enterprise", enabled: true });
    await on.as("admin").runner.create(fromSettings);
    expect(await on.as("admin").runner.list()).toHaveLength(1);
  });

  it("basic teams get runners too", async () => {
    const t = await createRunnerTeam(handle, { plan: "basic", enabled: false });
    await expect(t.as("admin").runner.create(fromEditor)).resolves.toMatchObject({ key: expect.stringMatching(/^opk_/) });
  });
});
