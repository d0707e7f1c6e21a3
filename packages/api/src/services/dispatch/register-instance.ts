import { and, eq, sql } from "drizzle-orm";
import type { RegisterInstanceRequest, RegisterInstanceResponse } from "@outpost/contracts";
import { PROTOCOL_VERSION } from "@outpost/contracts";
import { runnerInstances, runners, type Database } from "@outpost/db";
import { ServiceError } from "../errors";
import { CLAIM_WAIT_MS, LEASE_DURATION_MS } from "./settings";

export type AuthenticatedRunner = { id: string; teamId: string };

/** Being seen is not a modification: "Modified" keeps meaning an admin changed the runner. */
const seenNow = { lastSeenAt: sql`now()`, updatedAt: sql`${runners.updatedAt}` };

/** Records (or refreshes) a runner process; its instance id can never move to another runner. */
export async function registerInstance(
  db: Database,
  runner: AuthenticatedRunner,
  input: RegisterInstanceRequest,
): Promise<RegisterInstanceResponse> {
  const [row] = await db
    .insert(runnerInstances)
    .values({
      id: input.instanceId,
      runnerId: runner.id,
      hostname: input.hostname,
      os: input.os,
      runnerVersion: input.runnerVersion,
      protocolVersion: PROTOCOL_VERSION,
    })
    .onConflictDoUpdate({
      target: runnerInstances.id,
      set: { hostname: input.hostname, os: input.os, runnerVersion: input.runnerVersion, lastPingAt: sql`now()` },
      setWhere: eq(runnerInstances.runnerId, runner.id),
    })
    .returning({ id: runnerInstances.id });
  if (!row) throw new ServiceError("CONFLICT", "This instance id belongs to another runner: restart the runner process.");
  const [named] = await db
    .update(runners)
    .set(seenNow)
    .where(and(eq(runners.id, runner.id), eq(runners.teamId, runner.teamId)))
    .returning({ name: runners.name });
  return {
    runnerId: runner.id,
    runnerName: named?.name ?? "",
    instanceId: row.id,
    claimWaitMs: CLAIM_WAIT_MS,
    leaseDurationMs: LEASE_DURATION_MS,
  };
}

/**
 * A sign of life from an instance: it and its runner count as seen now. An instance the console
 * does not know (never registered, or registered to another runner) must register first.
 */
export async function recordPing(db: Database, runner: AuthenticatedRunner, instanceId: string) {
  const known = await db
    .update(runnerInstances)
    .set({ lastPingAt: sql`now()` })
    .where(and(eq(runnerInstances.id, instanceId), eq(runnerInstances.runnerId, runner.id)))
    .returning({ id: runnerInstances.id });
  if (known.length === 0) throw new ServiceError("NOT_FOUND", "Unknown instance: register it before claiming runs.");
  await db.update(runners).set(seenNow).where(eq(runners.id, runner.id));
}
