import { sql } from "drizzle-orm";
import { queryRows, type Executor } from "@outpost/db";

/** Every table of the application's schema, by name. */
export async function tableNames(db: Executor) {
  const rows = await queryRows<{ table_name: string }>(
    db,
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  return rows.map((row) => row.table_name);
}

/**
 * Every row of every table as JSON text, sorted within each table: what a dump of the database
 * would hold, in a form two dumps can be compared by. Works the same on PostgreSQL and PGlite.
 */
export async function dumpTables(db: Executor): Promise<Record<string, string[]>> {
  const dump: Record<string, string[]> = {};
  for (const table of await tableNames(db)) {
    const rows = await queryRows<{ row: string }>(db, sql`select row_to_json(t)::text as row from ${sql.identifier(table)} t`);
    dump[table] = rows.map((r) => r.row).sort();
  }
  return dump;
}

/** The rows of a dump that mention any of `ids`, per table: one tenant's slice of the database. */
export function rowsMentioning(dump: Record<string, string[]>, ids: Iterable<string>) {
  const wanted = [...ids];
  return Object.fromEntries(
    Object.entries(dump).map(([table, rows]) => [table, rows.filter((row) => wanted.some((id) => row.includes(id)))]),
  );
}

/** Row counts of the given tables, in one statement: "nothing was stored" checks that must stay cheap. */
export async function rowCounts(db: Executor, tables: string[]) {
  const columns = sql.join(
    tables.map((table) => sql`(select count(*) from ${sql.identifier(table)}) as ${sql.identifier(table)}`),
    sql`, `,
  );
  const [row] = await queryRows<Record<string, number | string>>(db, sql`select ${columns}`);
  return Object.fromEntries(tables.map((table) => [table, Number(row![table])]));
}
