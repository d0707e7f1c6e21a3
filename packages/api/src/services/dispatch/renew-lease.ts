import { and, eq, sql } from "drizzle-orm";
import type { Lease, RenewLeaseRequest } from "@outpost/contracts";
import { runs, type Database } from "@outpost/db";
import { ServiceError } from "../errors";
import { recordPing } from "./register-instance";
import { runsOf, type AuthenticatedRunner } from "./runner-identity";
import { LEASE_DURATION_MS } from "./settings";

export const leaseLost = () =>
  new ServiceError("CONFLICT", "This run's lease is no longer yours: it was handed back or finished elsewhere.");

/** Extends the lease of a run the instance holds; a lapsed or foreign lease is refused. */
export async function renewLease(
  db: Database,
  runner: AuthenticatedRunner,
  runId: string,
  input: RenewLeaseRequest,
): Promise<Lease> {
  const [run] = await db
    .update(runs)
    .set({ leaseExpiresAt: sql`now() + make_interval(secs => ${LEASE_DURATION_MS / 1000})` })
    .where(
      and(
        eq(runs.id, runId),
        runsOf(runner),
        eq(runs.status, "running"),
        eq(runs.leaseId, input.leaseId),
        eq(runs.instanceId, input.instanceId),
      ),
    )
    .returning({ leaseId: runs.leaseId, leaseExpiresAt: runs.leaseExpiresAt });
  if (!run) throw leaseLost();
  await recordPing(db, runner, input.instanceId);
  return { id: run.leaseId!, expiresAt: run.leaseExpiresAt!.toISOString() };
}
