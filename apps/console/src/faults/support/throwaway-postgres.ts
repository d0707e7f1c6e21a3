import { sql } from "drizzle-orm";
import { openDatabase } from "@outpost/db";
// @ts-expect-error -- the repo's plain-JS script module; its one export used here is typed below.
import { startThrowawayCluster as startCluster } from "../../../../../scripts/postgres.mjs";

type ShutdownMode = "smart" | "fast" | "immediate";
export type ThrowawayCluster = {
  url: string;
  port: number;
  halt: (mode?: ShutdownMode) => void;
  resume: () => void;
  restart: (mode?: ShutdownMode) => void;
  stop: () => void;
};

/**
 * A PostgreSQL cluster of the suite's own (initdb + pg_ctl on a free port), so a scenario may
 * restart it: the shared server other test runs use is never touched.
 */
export const startThrowawayCluster = startCluster as () => Promise<ThrowawayCluster>;

/** A new database on the cluster, answered as a connection string. */
export async function createDatabase(cluster: ThrowawayCluster, name: string): Promise<string> {
  const admin = openDatabase({ kind: "postgres", url: cluster.url, poolSize: 1 });
  try {
    await admin.db.execute(sql.raw(`create database ${name}`));
  } finally {
    await admin.close();
  }
  const url = new URL(cluster.url);
  url.pathname = `/${name}`;
  return url.toString();
}
