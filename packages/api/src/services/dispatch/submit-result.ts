import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { SubmitResultRequest, SubmitResultResponse } from "@outpost/contracts";
import { assertions, consoleLines, requestExecutions, runnerInstances, runs, usageMonths, type Database } from "@outpost/db";
import { failedTestsOf } from "../notification/failed-tests";
import { queueRunNotifications } from "../notification/queue-run-notifications";
import { usageMonth } from "../usage/period";
import { recordPing } from "./register-instance";
import { runsOf, type AuthenticatedRunner } from "./runner-identity";
import { leaseLost } from "./renew-lease";

/**
 * Stores a run's result with its executions, assertions and console lines, adds its requests to
 * the team's usage and queues the notifications it calls for — all in one transaction.
 * Idempotent: the same run and lease submitted again gets the same answer and changes nothing, so
 * a runner may retry after any network failure.
 */
export async function submitResult(
  db: Database,
  runner: AuthenticatedRunner,
  runId: string,
  input: SubmitResultRequest,
): Promise<SubmitResultResponse> {
  const response = await db.transaction(async (tx) => {
    const [run] = await tx
      .select({ id: runs.id, status: runs.status, leaseId: runs.leaseId, teamId: runs.teamId })
      .from(runs)
      .where(and(eq(runs.id, runId), runsOf(runner)))
      .for("update");
    if (!run || run.leaseId !== input.leaseId) throw leaseLost();
    if (run.status === "finished") return { accepted: true as const, duplicate: true };
    // Queued with this lease: it lapsed while the instance was cut off, and no other instance has
    // claimed the run since (a claim replaces the lease). The run was executed: take its result.
    const lapsed = run.status === "queued";
    if (run.status !== "running" && !lapsed) throw leaseLost();

    const { result } = input;
    const finishedAt = new Date(result.finishedAt);
    const startedAt = new Date(result.startedAt);
    await tx
      .update(runs)
      .set({
        status: "finished",
        outcome: result.outcome,
        errorMessage: result.errorMessage,
        finishedAt,
        durationMs: Math.max(0, finishedAt.getTime() - startedAt.getTime()),
        requestCount: result.requestCount,
        leaseExpiresAt: null,
        // The sweeper let go of the instance when the lease lapsed; it is the one that ran it (if it
        // is still known: an instance id is only ever recorded for a registered instance).
        ...(lapsed
          ? { instanceId: sql`(select ${runnerInstances.id} from ${runnerInstances} where ${runnerInstances.id} = ${input.instanceId})` }
          : {}),
      })
      .where(eq(runs.id, run.id));

    // Ids made here let executions and their assertions go in as two statements, not one per request.
    const executions = result.executions.map((execution) => ({ ...execution, id: randomUUID() }));
    if (executions.length > 0) {
      await tx.insert(requestExecutions).values(
        executions.map(({ assertions: _assertions, ...execution }) => ({ ...execution, runId: run.id })),
      );
      const rows = executions.flatMap((execution) =>
        execution.assertions.map((assertion, position) => ({ runId: run.id, executionId: execution.id, position, ...assertion })),
      );
      if (rows.length > 0) await tx.insert(assertions).values(rows);
    }
    if (result.consoleLines.length > 0) {
      await tx.insert(consoleLines).values(
        result.consoleLines.map((line, position) => ({
          runId: run.id,
          position,
          level: line.level,
          message: line.message,
          loggedAt: new Date(line.loggedAt),
        })),
      );
    }
    if (result.requestCount > 0) {
      await tx
        .insert(usageMonths)
        .values({ teamId: run.teamId, month: usageMonth(finishedAt), requestCount: result.requestCount })
        .onConflictDoUpdate({
          target: [usageMonths.teamId, usageMonths.month],
          set: { requestCount: sql`${usageMonths.requestCount} + ${result.requestCount}` },
        });
    }
    await queueRunNotifications(tx, [{ runId: run.id, failedTests: failedTestsOf(result) }]);
    return { accepted: true as const, duplicate: false };
  });
  await recordPing(db, runner, input.instanceId);
  return response;
}
