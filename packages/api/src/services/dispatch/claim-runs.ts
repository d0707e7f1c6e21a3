import { and, eq, inArray, sql } from "drizzle-orm";
import type { ClaimRunsRequest, Job } from "@outpost/contracts";
import { collections, monitors, runs, type Database } from "@outpost/db";
import { unsafeResolveEnvironmentForRun } from "../environment/resolve-for-run";
import type { SecretCipher } from "../secrets/cipher";
import { recordPing } from "./register-instance";
import { runsOf, type AuthenticatedRunner } from "./runner-identity";
import { LEASE_DURATION_MS, MAX_RUN_DURATION_MS } from "./settings";

/**
 * Hands up to `max` of the runner's queued runs, oldest first, to one instance. Claiming is a single
 * UPDATE over rows locked with SKIP LOCKED, so concurrent claims (any number of instances and
 * console processes) never receive the same run.
 */
export async function claimRuns(
  db: Database,
  secrets: SecretCipher,
  runner: AuthenticatedRunner,
  input: Pick<ClaimRunsRequest, "instanceId" | "max">,
  { ping = true }: { ping?: boolean } = {},
): Promise<Job[]> {
  // A long-poll re-checks the queue often; one ping per request is enough to show it is alive.
  if (ping) await recordPing(db, runner, input.instanceId);
  const claimable = db
    .select({ id: runs.id })
    .from(runs)
    .where(and(runsOf(runner), eq(runs.status, "queued")))
    .orderBy(runs.queuedAt)
    .limit(input.max)
    .for("update", { skipLocked: true });
  const claimed = await db
    .update(runs)
    .set({
      status: "running",
      instanceId: input.instanceId,
      leaseId: sql`gen_random_uuid()`,
      leaseExpiresAt: sql`now() + make_interval(secs => ${LEASE_DURATION_MS / 1000})`,
      attempt: sql`${runs.attempt} + 1`,
      startedAt: sql`coalesce(${runs.startedAt}, now())`,
    })
    .where(inArray(runs.id, claimable))
    .returning({
      id: runs.id,
      monitorId: runs.monitorId,
      attempt: runs.attempt,
      leaseId: runs.leaseId,
      leaseExpiresAt: runs.leaseExpiresAt,
    });
  if (claimed.length === 0) return [];

  const details = await db
    .select({
      id: monitors.id,
      name: monitors.name,
      options: monitors.options,
      environmentId: monitors.environmentId,
      collection: collections.definition,
    })
    .from(monitors)
    .innerJoin(collections, eq(collections.id, monitors.collectionId))
    .where(
      and(
        inArray(monitors.id, [...new Set(claimed.map((c) => c.monitorId))]),
        runner.kind === "private" ? eq(monitors.teamId, runner.teamId) : undefined,
      ),
    );

  return Promise.all(
    claimed.map(async (run) => {
      const monitor = details.find((d) => d.id === run.monitorId)!;
      const environment = monitor.environmentId
        ? await unsafeResolveEnvironmentForRun(db, secrets, monitor.environmentId)
        : null;
      return {
        runId: run.id,
        lease: { id: run.leaseId!, expiresAt: run.leaseExpiresAt!.toISOString() },
        attempt: run.attempt,
        monitor: { id: monitor.id, name: monitor.name },
        options: { ...monitor.options, maxRunDurationMs: MAX_RUN_DURATION_MS },
        collection: monitor.collection,
        environment: environment?.values ?? [],
      };
    }),
  );
}
