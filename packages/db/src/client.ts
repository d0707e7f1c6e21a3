import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import pg from "pg";
import { lockDataDir } from "./data-dir-lock";
import * as schema from "./schema";

export type Schema = typeof schema;
/** The one database type services take: either driver, same schema, same queries. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Services accept a database or a transaction, so callers can compose them atomically. */
export type Executor = Database | Transaction;

export type DatabaseConfig =
  | { kind: "postgres"; url: string; poolSize?: number }
  | { kind: "pglite"; dataDir: string }
  | { kind: "pglite-memory" };

export type DatabaseHandle = {
  db: Database;
  kind: DatabaseConfig["kind"];
  close: () => Promise<void>;
  /** PostgreSQL only: the pool, for work that needs one connection throughout (migration locks). */
  pool?: pg.Pool;
};

export function openDatabase(config: DatabaseConfig): DatabaseHandle {
  if (config.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize ?? 10 });
    // An idle client losing its connection (e.g. a database restart) must not crash the process.
    pool.on("error", () => {});
    const db = drizzlePg({ client: pool, schema, casing: "snake_case" }) as unknown as Database;
    return { db, kind: config.kind, close: () => pool.end(), pool };
  }

  let release = () => {};
  let client: PGlite;
  if (config.kind === "pglite") {
    release = lockDataDir(config.dataDir);
    // PGlite does not create parent folders itself.
    fs.mkdirSync(path.dirname(path.resolve(config.dataDir)), { recursive: true });
    client = new PGlite(config.dataDir);
  } else {
    client = new PGlite();
  }
  const db = drizzlePglite({ client, schema, casing: "snake_case" }) as unknown as Database;
  return {
    db,
    kind: config.kind,
    close: async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

/** Rows of a raw SQL statement, whichever driver is underneath (both answer `{ rows }`). */
export async function queryRows<Row>(db: Executor, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
