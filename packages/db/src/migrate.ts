import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { DatabaseHandle } from "./client";

// Built from this file's location (not `new URL(..., import.meta.url)`, which bundlers rewrite).
const defaultMigrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../drizzle");

// Any constant shared by all console processes: the key of the migration advisory lock.
const MIGRATION_LOCK_KEY = 7_262_021;

/**
 * Applies the committed migrations that have not run yet. Safe to call on every start, and from
 * several console processes at once: on PostgreSQL they take turns under an advisory lock.
 */
export async function migrateDatabase(handle: DatabaseHandle, migrationsFolder = defaultMigrationsFolder) {
  if (handle.pool) {
    const client = await handle.pool.connect();
    try {
      await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
      await migratePg(drizzlePg({ client }), { migrationsFolder });
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
      client.release();
    }
  } else {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
  }
}
