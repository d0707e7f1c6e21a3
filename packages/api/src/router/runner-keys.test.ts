import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isWellFormedRunnerKey } from "@outpost/contracts";
import { auditEvents, queryRows } from "@outpost/db";
import { createTestDatabase, type TestDatabase } from "@outpost/db/testing";
import { authenticateRunnerKey } from "../services/runner/authenticate";
import { TEST_PUBLIC_URL } from "../testing/caller";
import { createRunnerTeam } from "../testing/runner-fixtures";

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

const create = { name: "Edge", description: "", source: "runner_settings" as const };

/** Every row of every table, as text: what a database dump would contain. */
async function wholeDatabaseText() {
  const tables = await queryRows<{ table_name: string }>(
    handle.db,
    sql`select table_name from information_schema.tables where table_schema = 'public'`,
  );
  const dumps = await Promise.all(
    tables.map(({ table_name }) => queryRows(handle.db, sql`select * from ${sql.identifier(table_name)}`)),
  );
  return JSON.stringify(dumps);
}

describe("runner keys", () => {
  it("are 256-bit, prefixed, checksummed, and different every time", async () => {
    const t = await createRunnerTeam(handle);
    const keys = await Promise.all([1, 2, 3].map(() => t.as("admin").runner.create(create)));
    for (const { key, runner } of keys) {
      expect(key).toMatch(/^opk_[0-9A-Za-z]{49}$/);
      expect(isWellFormedRunnerKey(key)).toBe(true);
      expect(runner.keyLast4).toBe(key.slice(-4));
    }
    expect(new Set(keys.map((k) => k.key)).size).toBe(3);
  });

  it("appear in the install command once, and never in the database", async () => {
    const t = await createRunnerTeam(handle);
    const created = await t.as("admin").runner.create({ ...create, description: "Secret-free" });
    expect(created.commands.cli).toBe(
      `outpost runner start --url ${TEST_PUBLIC_URL} --id ${created.runner.id} --key ${created.key}`,
    );
    expect(created.commands.docker).toContain(created.key);
    const reset = await t.as("admin").runner.resetKey({ runnerId: created.runner.id });

    const dump = await wholeDatabaseText();
    for (const key of [created.key, reset.key]) {
      expect(dump).not.toContain(key);
      expect(dump).not.toContain(key.slice(4, 40));
    }
    // The install command shown later has no key in it.
    const again = await t.as("admin").runner.installCommand({ runnerId: created.runner.id });
    expect(again.commands.cli).toBe(
      `outpost runner start --url ${TEST_PUBLIC_URL} --id ${created.runner.id} --key <runner key>`,
    );
    expect(JSON.stringify(again)).not.toContain(reset.key);
    expect(JSON.stringify(await t.as("admin").runner.get({ runnerId: created.runner.id }))).not.toMatch(/opk_/);
  });

  it("stop authenticating at once when reset, and the new key works", async () => {
    const t = await createRunnerTeam(handle);
    const { runner, key: oldKey } = await t.as("admin").runner.create(create);
    expect(await authenticateRunnerKey(handle.db, runner.id, oldKey)).toEqual({ id: runner.id, teamId: t.team.id });

    const { key: newKey } = await t.as("admin").runner.resetKey({ runnerId: runner.id });
    expect(await authenticateRunnerKey(handle.db, runner.id, oldKey)).toBeNull();
    expect(await authenticateRunnerKey(handle.db, runner.id, newKey)).toEqual({ id: runner.id, teamId: t.team.id });
  });

  it("open only their own runner, and nothing once the runner is deleted", async () => {
    const t = await createRunnerTeam(handle);
    const a = await t.as("admin").runner.create(create);
    const b = await t.as("admin").runner.create({ ...create, name: "Other" });
    expect(await authenticateRunnerKey(handle.db, b.runner.id, a.key)).toBeNull();
    expect(await authenticateRunnerKey(handle.db, a.runner.id, "opk_not-a-key")).toBeNull();
    expect(await authenticateRunnerKey(handle.db, "not-a-uuid", a.key)).toBeNull();

    await t.as("admin").runner.delete({ runnerId: a.runner.id });
    expect(await authenticateRunnerKey(handle.db, a.runner.id, a.key)).toBeNull();
  });
});

describe("runner audit events", () => {
  it("record who created, changed, reset and deleted a runner, and never the key", async () => {
    const t = await createRunnerTeam(handle);
    const admin = t.as("admin");
    const { runner, key } = await admin.runner.create(create);
    await admin.runner.update({ runnerId: runner.id, name: "Edge 2", description: "Rack 4" });
    const { key: newKey } = await admin.runner.resetKey({ runnerId: runner.id });
    await admin.runner.delete({ runnerId: runner.id });

    const events = (await handle.db.select().from(auditEvents)).filter((e) => e.targetId === runner.id);
    expect(events.map((e) => e.action)).toEqual(["runner.created", "runner.updated", "runner.key_reset", "runner.deleted"]);
    expect(events.every((e) => e.actorUserId === t.members.admin.id && e.teamId === t.team.id)).toBe(true);
    expect(events[1]?.details).toEqual({
      changes: { name: { from: "Edge", to: "Edge 2" }, description: { from: "", to: "Rack 4" } },
    });
    const text = JSON.stringify(events);
    expect(text).not.toContain(key);
    expect(text).not.toContain(newKey);
  });
});
