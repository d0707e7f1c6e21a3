import { and, eq, inArray, sql } from "drizzle-orm";
import type { Job } from "@outpost/contracts";
import { runs, type Database } from "@outpost/db";
import { runsOf, type AuthenticatedRunner } from "./runner-identity";

/**
 * Puts runs just claimed for a runner that went away before it heard of them back in the queue,
 * as if the claim never happened: same attempt count, no lease. Runs already moved on are left alone.
 */
export async function releaseClaims(db: Database, runner: AuthenticatedRunner, jobs: Job[]) {
  if (jobs.length === 0) return [];
  return db
    .update(runs)
    .set({
      status: "queued",
      instanceId: null,
      leaseId: null,
      leaseExpiresAt: null,
      attempt: sql`${runs.attempt} - 1`,
      startedAt: sql`case when ${runs.attempt} = 1 then null else ${runs.startedAt} end`,
    })
    .where(
      and(
        runsOf(runner),
        eq(runs.status, "running"),
        inArray(runs.id, jobs.map((job) => job.runId)),
        inArray(runs.leaseId, jobs.map((job) => job.lease.id)),
      ),
    )
    .returning({ id: runs.id });
}
