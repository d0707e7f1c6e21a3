import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { auditEvents, migrateDatabase, openDatabase, teams, type DatabaseHandle } from "@outpost/db";
import { createTeam, createTestDatabase } from "@outpost/db/testing";

const consoleRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "outpost-admin-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/**
 * The CLI runs as its own process against the database the suite is on: a PostgreSQL database of
 * the test's own, or an embedded one in a data folder (closed here while the CLI holds it).
 */
async function withTarget(): Promise<{
  env: Record<string, string>;
  open: () => Promise<DatabaseHandle>;
  release: () => Promise<void>;
  close: () => Promise<void>;
}> {
  if (process.env.OUTPOST_TEST_DB === "postgres") {
    const handle = await createTestDatabase();
    return { env: { DATABASE_URL: handle.url! }, open: async () => handle, release: async () => {}, close: handle.close };
  }
  const open = async (): Promise<DatabaseHandle> => {
    const handle = openDatabase({ kind: "pglite", dataDir: path.join(dataDir, "pglite") });
    await migrateDatabase(handle);
    return handle;
  };
  let current: DatabaseHandle | undefined;
  return {
    env: { OUTPOST_DATA_DIR: dataDir },
    open: async () => (current = await open()),
    release: async () => current?.close(),
    close: async () => current?.close(),
  };
}

function admin(env: Record<string, string>, ...args: string[]) {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  return spawnSync(process.execPath, ["--import", "tsx", "src/cli/outpost-admin.ts", ...args], {
    cwd: consoleRoot,
    encoding: "utf8",
    env: { ...inherited, ...env },
  });
}

describe("pnpm outpost-admin", () => {
  it("enables private monitoring for a team, audited as the operator", async () => {
    const target = await withTarget();
    let handle = await target.open();
    const team = await createTeam(handle.db, { plan: "enterprise" });
    await target.release();

    const run = admin(target.env, "enable-private-monitoring", "--team", team.slug);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain(`Team "${team.slug}": plan enterprise, private API monitoring enabled.`);
    expect(run.status).toBe(0);

    handle = await target.open();
    const [after] = await handle.db.select().from(teams).where(eq(teams.id, team.id));
    expect(after?.privateMonitoringEnabled).toBe(true);
    const events = await handle.db.select().from(auditEvents).where(eq(auditEvents.teamId, team.id));
    expect(events).toMatchObject([
      {
        action: "team.private_monitoring_enabled",
        actorUserId: null,
        actorLabel: "operator (outpost-admin)",
        details: { changes: { privateMonitoringEnabled: { from: false, to: true } } },
      },
    ]);
    await target.close();
  });

  it("sets a team's monthly request quota and goes back to the plan's, audited", async () => {
    const target = await withTarget();
    let handle = await target.open();
    const team = await createTeam(handle.db, { plan: "basic" });
    await target.release();

    const set = admin(target.env, "set-quota", "--team", team.slug, "--requests", "25000");
    expect(set.stderr).toBe("");
    expect(set.stdout).toContain(`Team "${team.slug}": 25,000 monitor requests a month.`);
    const reset = admin(target.env, "set-quota", "--team", team.slug, "--requests", "default");
    expect(reset.stdout).toContain(`Team "${team.slug}": 10,000 monitor requests a month (the basic plan's default).`);
    expect(admin(target.env, "set-quota", "--team", team.slug, "--requests", "lots").status).toBe(2);
    expect(admin(target.env, "set-quota", "--team", team.slug).status).toBe(2);

    handle = await target.open();
    const [after] = await handle.db.select().from(teams).where(eq(teams.id, team.id));
    expect(after?.requestQuota).toBeNull();
    const events = await handle.db.select().from(auditEvents).where(eq(auditEvents.teamId, team.id));
    expect(events.map((event) => event.details)).toEqual(
      expect.arrayContaining([
        { changes: { requestQuota: { from: null, to: 25_000 } } },
        { changes: { requestQuota: { from: 25_000, to: null } } },
      ]),
    );
    await target.close();
  });

  it("refuses an unknown team or command with a clear message and changes nothing", async () => {
    const target = await withTarget();
    const unknownTeam = admin(target.env, "enable-private-monitoring", "--team", "no-such-team");
    expect(unknownTeam.status).toBe(1);
    expect(unknownTeam.stderr).toContain('Team "no-such-team" not found.');

    const badCommand = admin(target.env, "make-me-admin", "--team", "x");
    expect(badCommand.status).toBe(2);
    expect(badCommand.stderr).toContain("Usage: pnpm outpost-admin");

    const badPlan = admin(target.env, "set-plan", "--team", "x", "--plan", "platinum");
    expect(badPlan.status).toBe(2);
    await target.close();
  });
});
