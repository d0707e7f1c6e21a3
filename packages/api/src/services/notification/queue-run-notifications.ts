import { asc, eq, inArray, sql } from "drizzle-orm";
import {
  monitorAlertStates,
  monitors,
  notificationOutbox,
  runners,
  runs,
  type Executor,
  type NotificationPayload,
  type NotifiedTest,
} from "@outpost/db";
import { NOTIFIED_TESTS_MAX } from "./failed-tests";

export type FinishedRun = { runId: string; failedTests: NotifiedTest[] };

/**
 * Decides what finished runs tell people, inside the transaction that finished them, and queues
 * it in the outbox: a failure (Failure, Error or Abort) is notified until the monitor has failed
 * `stopAfterConsecutiveFailures` times in a row; the first success after a notified failure sends
 * a recovery. Sending happens later, outside this transaction.
 */
export async function queueRunNotifications(tx: Executor, finished: FinishedRun[]) {
  if (finished.length === 0) return;
  const testsOf = new Map(finished.map((run) => [run.runId, run.failedTests]));
  const rows = await tx
    .select({
      runId: runs.id,
      teamId: runs.teamId,
      monitorId: runs.monitorId,
      outcome: runs.outcome,
      errorMessage: runs.errorMessage,
      type: runs.type,
      scheduledFor: runs.scheduledFor,
      finishedAt: runs.finishedAt,
      runnerId: runs.runnerId,
      runnerName: runners.name,
      monitorName: monitors.name,
      workspaceId: monitors.workspaceId,
      notifications: monitors.notifications,
    })
    .from(runs)
    .innerJoin(monitors, eq(monitors.id, runs.monitorId))
    .leftJoin(runners, eq(runners.id, runs.runnerId))
    .where(inArray(runs.id, [...testsOf.keys()]))
    // One order for every caller, so two transactions never lock the same states the other way round.
    .orderBy(asc(runs.monitorId), asc(runs.scheduledFor));

  for (const run of rows) {
    if (!run.outcome) continue;
    // Creates the state on a monitor's first result; either way the row comes back locked, as it stands.
    const [state] = await tx
      .insert(monitorAlertStates)
      .values({ monitorId: run.monitorId, teamId: run.teamId })
      .onConflictDoUpdate({ target: monitorAlertStates.monitorId, set: { monitorId: sql`excluded.monitor_id` } })
      .returning();
    if (!state || (state.lastScheduledFor && run.scheduledFor < state.lastScheduledFor)) continue;

    const { recipients, webhookUrl, stopAfterConsecutiveFailures } = run.notifications;
    const failed = run.outcome !== "successful";
    const consecutiveFailures = failed ? state.consecutiveFailures + 1 : 0;
    const kind = failed
      ? consecutiveFailures <= stopAfterConsecutiveFailures
        ? ("run_failed" as const)
        : null
      : state.alerting
        ? ("run_recovered" as const)
        : null;
    await tx
      .update(monitorAlertStates)
      .set({
        consecutiveFailures,
        alerting: failed ? state.alerting || kind !== null : false,
        lastScheduledFor: run.scheduledFor,
      })
      .where(eq(monitorAlertStates.monitorId, run.monitorId));
    if (!kind) continue;

    const tests = testsOf.get(run.runId) ?? [];
    const payload: NotificationPayload = {
      kind,
      monitor: { id: run.monitorId, name: run.monitorName, workspaceId: run.workspaceId },
      run: {
        id: run.runId,
        outcome: run.outcome,
        errorMessage: run.errorMessage,
        type: run.type,
        runnerName: run.runnerId === null ? "Hosted runner" : (run.runnerName ?? "Deleted runner"),
        finishedAt: (run.finishedAt ?? new Date()).toISOString(),
      },
      failedTests: tests.slice(0, NOTIFIED_TESTS_MAX),
      moreFailedTests: Math.max(0, tests.length - NOTIFIED_TESTS_MAX),
      consecutiveFailures: failed ? consecutiveFailures : state.consecutiveFailures,
      stopAfterConsecutiveFailures,
    };
    const base = { teamId: run.teamId, monitorId: run.monitorId, runId: run.runId, kind, payload };
    const outbox = [
      ...(recipients.length > 0 ? [{ ...base, channel: "email" as const, recipients }] : []),
      ...(webhookUrl ? [{ ...base, channel: "webhook" as const, webhookUrl }] : []),
    ];
    if (outbox.length > 0) await tx.insert(notificationOutbox).values(outbox);
  }
}
