import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { DatabaseHandle } from "./client";

// Built from this file's location (not `new URL(..., import.meta.url)`, which bundlers rewrite).
const defaultMigrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../drizzle");

/** Applies the committed migrations that have not run yet. Safe to call on every start. */
export async function migrateDatabase(handle: DatabaseHandle, migrationsFolder = defaultMigrationsFolder) {
  if (handle.kind === "postgres") {
    await migratePg(handle.db as unknown as NodePgDatabase, { migrationsFolder });
  } else {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
  }
}
