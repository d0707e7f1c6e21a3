import path from "node:path";
import { migrateDatabase, openDatabase, type DatabaseHandle } from "@outpost/db";
import { env } from "~/env";

/** The database this installation is configured for, migrated to the current schema. */
export async function openConfiguredDatabase(): Promise<DatabaseHandle> {
  const { DATABASE_URL, OUTPOST_DATA_DIR } = env();
  const handle = DATABASE_URL
    ? openDatabase({ kind: "postgres", url: DATABASE_URL })
    : openDatabase({ kind: "pglite", dataDir: path.resolve(OUTPOST_DATA_DIR, "pglite") });
  try {
    await migrateDatabase(handle);
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}
