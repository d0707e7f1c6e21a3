import "server-only";
import { isDatabaseEmpty, seedDemo, type DatabaseHandle } from "@outpost/db";
import { hashPassword } from "@outpost/auth/password";
import { env } from "~/env";
import { demoPassword } from "./demo-credentials";
import { openConfiguredDatabase } from "./open-database";

// One handle per process, kept across hot reloads in development.
const globalForDb = globalThis as unknown as { outpostDatabase?: Promise<DatabaseHandle> };

async function openAndPrepare(): Promise<DatabaseHandle> {
  const handle = await openConfiguredDatabase();
  if (env().OUTPOST_SEED_DEMO === "true" && (await isDatabaseEmpty(handle.db))) {
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
