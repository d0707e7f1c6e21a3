import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import { monitorRunners, monitors, runs, teams, usageMonths, type Database, type Executor } from "@outpost/db";
import { nextRunAt } from "../monitor/schedule";
import { privateMonitoringState } from "../team/private-monitoring";
import { pauseMonitorsAtQuota } from "../usage/pause-at-quota";
import { usagePeriod } from "../usage/period";
import { quotaExhaustedSql, teamQuotaSql, usageOfPeriod } from "../usage/quota";
import { resumeMonitorsAfterQuota } from "../usage/resume-after-quota";

/** Monitors per transaction: a full batch tells the loop to come straight back for more. */
export const SCHEDULE_BATCH = 500;

/**
 * Turns due monitors into runs, one per selected runner (or one on the hosted runner), and moves
 * each monitor's next run time on. Monitors are locked with SKIP LOCKED, so any number of console
 * processes can schedule at once without doubling a run; a runner that still has a run of the
 * monitor in flight is skipped, so runs never overlap.
 *
 * The quota is enforced here: a team whose quota is used up (and stops there) gets no runs, and
 * its monitors are paused with the reason; they resume by themselves once the team may run again.
 */
export async function scheduleDueMonitors(db: Database, now = new Date()) {
  return db.transaction(async (tx) => {
    const resumed = await resumeMonitorsAfterQuota(tx, now);
    const due = await tx
      .select({
        id: monitors.id,
        teamId: monitors.teamId,
        schedule: monitors.schedule,
        timezone: monitors.timezone,
        runnerMode: monitors.runnerMode,
        nextRunAt: monitors.nextRunAt,
        plan: teams.plan,
        privateMonitoringEnabled: teams.privateMonitoringEnabled,
        quota: teamQuotaSql,
        quotaExhausted: quotaExhaustedSql,
      })
      .from(monitors)
      .innerJoin(teams, eq(teams.id, monitors.teamId))
      .leftJoin(usageMonths, usageOfPeriod(usagePeriod(now)))
      .where(and(eq(monitors.paused, false), lte(monitors.nextRunAt, now)))
      .orderBy(asc(monitors.nextRunAt))
      .limit(SCHEDULE_BATCH)
      .for("update", { of: monitors, skipLocked: true });
    // More may be due than one batch took: the caller should not wait before the next.
    const full = due.length === SCHEDULE_BATCH;
    if (due.length === 0) return { queued: [] as Array<string | null>, paused: [] as string[], resumed, full };

    const exhaustedTeams = new Map(due.filter((m) => m.quotaExhausted).map((m) => [m.teamId, m]));
    const paused: string[] = [];
    for (const [teamId, team] of exhaustedTeams) {
      const rows = await pauseMonitorsAtQuota(tx, { id: teamId, plan: team.plan, quota: team.quota }, now);
      paused.push(...rows.map((row) => row.id));
    }
    const runnable = due.filter((monitor) => !exhaustedTeams.has(monitor.teamId));
    if (runnable.length === 0) return { queued: [] as Array<string | null>, paused, resumed, full };

    const selections = await tx
      .select({ monitorId: monitorRunners.monitorId, runnerId: monitorRunners.runnerId })
      .from(monitorRunners)
      .where(inArray(monitorRunners.monitorId, runnable.map((m) => m.id)));

    const runnersOf = new Map<string, string[]>();
    for (const { monitorId, runnerId } of selections) runnersOf.set(monitorId, [...(runnersOf.get(monitorId) ?? []), runnerId]);
    const values = runnable.flatMap((monitor) => {
      const targets =
        monitor.runnerMode === "auto"
          ? [null]
          : privateMonitoringState(monitor) === "available"
            ? (runnersOf.get(monitor.id) ?? [])
            : [];
      return targets.map((runnerId) => ({
        teamId: monitor.teamId,
        monitorId: monitor.id,
        runnerId,
        type: "scheduled" as const,
        scheduledFor: monitor.nextRunAt!,
      }));
    });
    const queued = values.length === 0 ? [] : await tx.insert(runs).values(values).onConflictDoNothing().returning({ runnerId: runs.runnerId });

    await moveNextRunTimes(
      tx,
      runnable.map((monitor) => ({ id: monitor.id, nextRunAt: nextRunAt(monitor, now) })),
    );
    return { queued: queued.map((r) => r.runnerId), paused, resumed, full };
  });
}

/**
 * One UPDATE for the whole batch: a statement per monitor made a 10,000-monitor minute take longer
 * than the minute. updated_at stays: "Modified" means a person changed the monitor.
 */
async function moveNextRunTimes(tx: Executor, moves: Array<{ id: string; nextRunAt: Date }>) {
  const rows = moves.map((move) => sql`(${move.id}::uuid, ${move.nextRunAt.toISOString()}::timestamptz)`);
  await tx.execute(sql`
    update ${monitors} set next_run_at = moved.next_run_at
    from (values ${sql.join(rows, sql`, `)}) as moved (id, next_run_at)
    where ${monitors.id} = moved.id`);
}
