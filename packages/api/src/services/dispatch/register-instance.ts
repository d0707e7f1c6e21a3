import { and, eq, sql } from "drizzle-orm";
import type { RegisterInstanceRequest, RegisterInstanceResponse } from "@outpost/contracts";
import { PROTOCOL_VERSION } from "@outpost/contracts";
import { runnerInstances, runners, type Database } from "@outpost/db";
import { ServiceError } from "../errors";
import { HOSTED_RUNNER_ID, instancesOf, type AuthenticatedRunner } from "./runner-identity";
import { CLAIM_WAIT_MS, LEASE_DURATION_MS } from "./settings";

export type { AuthenticatedRunner } from "./runner-identity";

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
      runnerId: runner.kind === "hosted" ? null : runner.id,
      hostname: input.hostname,
      os: input.os,
      runnerVersion: input.runnerVersion,
      protocolVersion: PROTOCOL_VERSION,
    })
    .onConflictDoUpdate({
      target: runnerInstances.id,
      set: { hostname: input.hostname, os: input.os, runnerVersion: input.runnerVersion, lastPingAt: sql`now()` },
      setWhere: instancesOf(runner),
    })
    .returning({ id: runnerInstances.id });
  if (!row) throw new ServiceError("CONFLICT", "This instance id belongs to another runner: restart the runner process.");
  const runnerName = runner.kind === "hosted" ? "Hosted runner" : ((await markSeen(db, runner)) ?? "");
  return {
    runnerId: runner.kind === "hosted" ? HOSTED_RUNNER_ID : runner.id,
    runnerName,
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
    .where(and(eq(runnerInstances.id, instanceId), instancesOf(runner)))
    .returning({ id: runnerInstances.id });
  if (known.length === 0) throw unknownInstance();
  if (runner.kind === "private") await markSeen(db, runner);
}

export function unknownInstance() {
  return new ServiceError("NOT_FOUND", "Unknown instance: register it before claiming runs.");
}

/** The runner counts as seen now (its health); answers its name. */
async function markSeen(db: Database, runner: Extract<AuthenticatedRunner, { kind: "private" }>) {
  const [named] = await db
    .update(runners)
    .set(seenNow)
    .where(and(eq(runners.id, runner.id), eq(runners.teamId, runner.teamId)))
    .returning({ name: runners.name });
  return named?.name;
}
