import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type DatabaseHandle } from "../client";
import { migrateDatabase } from "../migrate";

/**
 * Which database the suite runs on: `OUTPOST_TEST_DB=postgres` with `TEST_DATABASE_URL` pointing at
 * a server the tests may create databases on, or (default) an in-memory PGlite.
 */
function testTarget(): { kind: "pglite" } | { kind: "postgres"; adminUrl: string } {
  const kind = process.env.OUTPOST_TEST_DB ?? "pglite";
  if (kind === "pglite") return { kind };
  if (kind !== "postgres") throw new Error(`OUTPOST_TEST_DB must be "pglite" or "postgres", not "${kind}"`);
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("OUTPOST_TEST_DB=postgres needs TEST_DATABASE_URL");
  const host = new URL(adminUrl).hostname;
  // Tests create and drop databases: refuse anything that is not on this machine.
  if (!["127.0.0.1", "localhost", "::1", "[::1]", ""].includes(host)) {
    throw new Error(`Refusing to run tests against a non-local database host: ${host}`);
  }
  return { kind, adminUrl };
}

export type TestDatabase = DatabaseHandle & { name: string; url?: string };

/** A fresh database of its own for one test file, migrated unless asked not to; `close()` removes it. */
export async function createTestDatabase({ migrate = true }: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const target = testTarget();
  if (target.kind === "pglite") {
    const handle = openDatabase({ kind: "pglite-memory" });
    if (migrate) await migrateDatabase(handle);
    return { ...handle, name: "pglite-memory" };
  }

  const name = `outpost_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: target.adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(target.adminUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase({ kind: "postgres", url: url.toString(), poolSize: 4 });
  if (migrate) await migrateDatabase(handle);
  return {
    ...handle,
    name,
    url: url.toString(),
    close: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: target.adminUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
