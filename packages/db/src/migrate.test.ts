import { count, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "./client";
import { migrateDatabase } from "./migrate";
import { isDatabaseEmpty, seedDemo, DEMO_USERS } from "./seed";
import { teamMembers, teams, users, workspaceMembers, workspaces } from "./schema";
import { createTestDatabase, type TestDatabase } from "./testing";

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

describe("migrations", () => {
  it("create every table of the domain on an empty database", async () => {
    const rows = await queryRows<{ table_name: string }>(
      handle.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    const tables = rows.map((row) => row.table_name);
    expect(tables).toEqual(
      expect.arrayContaining([
        "users",
        "accounts",
        "teams",
        "team_members",
        "workspaces",
        "workspace_members",
        "runners",
        "runner_instances",
        "collections",
        "environments",
        "environment_variables",
        "monitors",
        "monitor_runners",
        "runs",
        "request_executions",
        "assertions",
        "console_lines",
        "usage_months",
        "audit_events",
      ]),
    );
  });

  it("are a no-op when applied again", async () => {
    const before = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    await migrateDatabase(handle);
    const after = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(before[0]?.n).toBeGreaterThan(0);
    expect(after).toEqual(before);
  });
});

describe("demo seed", () => {
  it("fills an empty database and adds nothing the second time", async () => {
    expect(await isDatabaseEmpty(handle.db)).toBe(true);
    const counts = async () =>
      Promise.all(
        [users, teams, teamMembers, workspaces, workspaceMembers].map(async (table) => {
          const [row] = await handle.db.select({ n: count() }).from(table);
          return row?.n;
        }),
      );

    const first = await seedDemo(handle.db, { passwordHash: "not-a-real-hash" });
    const afterFirst = await counts();
    expect(afterFirst).toEqual([2, 1, 2, 3, 5]);
    expect(await isDatabaseEmpty(handle.db)).toBe(false);

    const second = await seedDemo(handle.db, { passwordHash: "not-a-real-hash" });
    expect(await counts()).toEqual(afterFirst);
    expect(second).toEqual(first);

    const [acme] = await handle.db.select().from(teams);
    expect(acme).toMatchObject({ name: "Acme", plan: "enterprise", privateMonitoringEnabled: true });
    const emails = (await handle.db.select({ email: users.email }).from(users)).map((u) => u.email).sort();
    expect(emails).toEqual([DEMO_USERS.admin.email, DEMO_USERS.developer.email].sort());
  });
});
