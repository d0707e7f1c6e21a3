import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase, queryRows } from "./client";
import { migrateDatabase } from "./migrate";
import { createTestDatabase } from "./testing";

describe("migrations from several console processes at once", () => {
  // PGlite is one process per data folder by construction; the race only exists on PostgreSQL.
  it.skipIf(process.env.OUTPOST_TEST_DB !== "postgres")("take turns and all succeed on PostgreSQL", async () => {
    const fresh = await createTestDatabase({ migrate: false });
    const consoles = [1, 2, 3].map(() => openDatabase({ kind: "postgres", url: fresh.url!, poolSize: 2 }));
    try {
      await Promise.all(consoles.map((handle) => migrateDatabase(handle)));
      const [row] = await queryRows<{ n: number }>(fresh.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      const runsTables = await queryRows<{ n: number }>(fresh.db, sql`select count(*)::int as n from information_schema.tables where table_name = 'runs'`);
      expect(row?.n).toBeGreaterThan(0);
      expect(runsTables[0]?.n).toBe(1);
    } finally {
      await Promise.all(consoles.map((handle) => handle.close()));
      await fresh.close();
    }
  });
});
