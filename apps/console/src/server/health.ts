import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "./db";
import { healthReport, type DatabaseCheck, type HealthReport } from "./health-report";
import { processState } from "./process-state";

/** A database that does not answer `select 1` this fast is as good as down for the console. */
const DATABASE_TIMEOUT_MS = 2_000;

async function checkDatabase(): Promise<DatabaseCheck> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<DatabaseCheck>((resolve) => (timer = setTimeout(() => resolve("timeout"), DATABASE_TIMEOUT_MS)));
  const query = getDb()
    .then((db) => db.execute(sql`select 1`))
    .then((): DatabaseCheck => "ok", (): DatabaseCheck => "failing");
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Readiness of this console process: its database answers and its scheduler is ticking. */
export async function checkHealth(): Promise<HealthReport> {
  const state = processState();
  return healthReport({
    database: await checkDatabase(),
    lastTickAt: state.dispatchLoop?.lastTickAt() ?? null,
    closing: state.closing,
  });
}
