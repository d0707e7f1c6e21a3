import { openDatabase } from "@outpost/db";
import { createTestDatabase, type TestDatabase } from "@outpost/db/testing";

const DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres";

type DatabaseChoice = { kind: "pglite" } | { kind: "postgres"; serverUrl: string };

/**
 * PostgreSQL when a server URL is given (TEST_DATABASE_URL, then DATABASE_URL, or
 * OUTPOST_TEST_DB=postgres for the local default), in-memory PGlite otherwise.
 */
function chooseDatabase(env: NodeJS.ProcessEnv): DatabaseChoice {
  const serverUrl = env.TEST_DATABASE_URL || env.DATABASE_URL || (env.OUTPOST_TEST_DB === "postgres" ? DEFAULT_POSTGRES_URL : "");
  return serverUrl ? { kind: "postgres", serverUrl } : { kind: "pglite" };
}

export interface BenchDatabase {
  /** What the console under test uses: the same driver and pool size as the real console. */
  console: TestDatabase;
  /** Which database, for the report: server version and host, or PGlite. */
  description: string;
  /** The server processes serving this database's connections (PostgreSQL); none for PGlite, which runs in the console. */
  serverPids(): Promise<number[]>;
  close(): Promise<void>;
}

/** A throwaway, migrated database made by the test helper, which refuses non-local servers. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const choice = chooseDatabase(process.env);
  // The test helper reads its target from these two variables.
  process.env.OUTPOST_TEST_DB = choice.kind;
  if (choice.kind === "postgres") process.env.TEST_DATABASE_URL = choice.serverUrl;
  const throwaway = await createTestDatabase();
  if (choice.kind === "pglite" || !throwaway.url) {
    return {
      console: throwaway,
      description: "PGlite (in memory, in the console process)",
      serverPids: async () => [],
      close: () => throwaway.close(),
    };
  }

  // The helper's pool is sized for tests (4); the console opens the default pool (10).
  const consoleHandle = { ...openDatabase({ kind: "postgres", url: throwaway.url }), name: throwaway.name, url: throwaway.url };
  const pool = consoleHandle.pool!;
  const { rows } = await pool.query<{ server_version: string }>("show server_version");
  const server = new URL(choice.serverUrl);
  return {
    console: consoleHandle,
    description: `PostgreSQL ${rows[0]?.server_version ?? "?"} on ${server.host} (throwaway database ${throwaway.name}, pool of 10)`,
    serverPids: async () => {
      const backends = await pool.query<{ pid: number }>("select pid from pg_stat_activity where datname = current_database()");
      return backends.rows.map((row) => row.pid);
    },
    close: async () => {
      await consoleHandle.close();
      await throwaway.close();
    },
  };
}
