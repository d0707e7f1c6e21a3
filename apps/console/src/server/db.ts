import "server-only";
import path from "node:path";
import { isDatabaseEmpty, migrateDatabase, openDatabase, seedDemo, type DatabaseHandle } from "@outpost/db";
import { hashPassword } from "@outpost/auth/password";
import { env } from "~/env";
import { demoPassword } from "./demo-credentials";

// One handle per process, kept across hot reloads in development.
const globalForDb = globalThis as unknown as { outpostDatabase?: Promise<DatabaseHandle> };

async function openAndPrepare(): Promise<DatabaseHandle> {
  const { DATABASE_URL, OUTPOST_DATA_DIR, OUTPOST_SEED_DEMO } = env();
  const handle = DATABASE_URL
    ? openDatabase({ kind: "postgres", url: DATABASE_URL })
    : openDatabase({ kind: "pglite", dataDir: path.resolve(OUTPOST_DATA_DIR, "pglite") });
  await migrateDatabase(handle);
  if (OUTPOST_SEED_DEMO === "true" && (await isDatabaseEmpty(handle.db))) {
    await seedDemo(handle.db, { passwordHash: await hashPassword(demoPassword()) });
  }
  return handle;
}

export function getDatabaseHandle(): Promise<DatabaseHandle> {
  globalForDb.outpostDatabase ??= openAndPrepare().catch((error: unknown) => {
    globalForDb.outpostDatabase = undefined;
    throw error;
  });
  return globalForDb.outpostDatabase;
}

export async function getDb() {
  return (await getDatabaseHandle()).db;
}
