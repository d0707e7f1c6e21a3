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
  type RunOutcome,
} from "@outpost/db";
import { NOTIFIED_TESTS_MAX } from "./failed-tests";

export type FinishedRun = { runId: string; failedTests: NotifiedTest[] };

/**
 * Decides what finished runs tell people, inside the transaction that finished them, and queues
 * it in the outbox: a failure (Failure, Error or Abort) is notified until the monitor has failed
 * `stopAfterConsecutiveFailures` times in a row; the first success after a notified failure sends
 * a recovery. Sending happens later, outside this transaction. A handful of statements for the
 * whole batch, however many runs it finished.
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

  const counted = rows.filter((run): run is typeof run & { outcome: RunOutcome } => run.outcome !== null);
  if (counted.length === 0) return;

  // Creates the states of monitors' first results; either way every state comes back locked, as it
  // stands — in monitor order, the order of `rows`, so concurrent batches lock them the same way round.
  const monitorIds = [...new Set(counted.map((run) => run.monitorId))];
  const teamOf = new Map(counted.map((run) => [run.monitorId, run.teamId]));
  const locked = await tx
    .insert(monitorAlertStates)
    .values(monitorIds.map((monitorId) => ({ monitorId, teamId: teamOf.get(monitorId)! })))
    .onConflictDoUpdate({ target: monitorAlertStates.monitorId, set: { monitorId: sql`excluded.monitor_id` } })
    .returning();
  const states = new Map(locked.map((state) => [state.monitorId, { ...state, changed: false }]));

  const outbox: Array<typeof notificationOutbox.$inferInsert> = [];
  // A monitor's runs in the order they were scheduled, each deciding from the state the last one left.
  for (const run of counted) {
    const state = states.get(run.monitorId);
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
    const notifiedBefore = state.consecutiveFailures;
    Object.assign(state, {
      consecutiveFailures,
      alerting: failed ? state.alerting || kind !== null : false,
      lastScheduledFor: run.scheduledFor,
      changed: true,
    });
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
      consecutiveFailures: failed ? consecutiveFailures : notifiedBefore,
      stopAfterConsecutiveFailures,
    };
    const base = { teamId: run.teamId, monitorId: run.monitorId, runId: run.runId, kind, payload };
    if (recipients.length > 0) outbox.push({ ...base, channel: "email", recipients });
    if (webhookUrl) outbox.push({ ...base, channel: "webhook", webhookUrl });
  }

  const changed = [...states.values()].filter((state) => state.changed);
  if (changed.length > 0) {
    const decisions = changed.map(
      (state) =>
        sql`(${state.monitorId}::uuid, ${state.consecutiveFailures}::integer, ${state.alerting}::boolean, ${state.lastScheduledFor?.toISOString() ?? null}::timestamptz)`,
    );
    await tx.execute(sql`
      update ${monitorAlertStates} set
        consecutive_failures = decided.consecutive_failures, alerting = decided.alerting,
        last_scheduled_for = decided.last_scheduled_for, updated_at = now()
      from (values ${sql.join(decisions, sql`, `)}) as decided (monitor_id, consecutive_failures, alerting, last_scheduled_for)
      where ${monitorAlertStates.monitorId} = decided.monitor_id`);
  }
  if (outbox.length > 0) await tx.insert(notificationOutbox).values(outbox);
}
