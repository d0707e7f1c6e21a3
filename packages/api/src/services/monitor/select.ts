import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { collections, environments, monitorRunners, monitors, runners, runs, users, type Executor } from "@outpost/db";
import { shownNotifications } from "./notifications";

export type MonitorStatus = "healthy" | "failing" | "paused" | "no_runs";

/**
 * Monitors of one workspace with what the list and the monitor page show: the last finished run
 * (one index probe per monitor through a lateral join) and the runners they run on.
 */
export async function selectMonitors(db: Executor, teamId: string, workspaceId: string, where?: SQL) {
  const lastRun = db
    .select({ outcome: runs.outcome, finishedAt: runs.finishedAt })
    .from(runs)
    .where(and(eq(runs.monitorId, monitors.id), eq(runs.status, "finished")))
    // NULLS LAST as runs_monitor_time_idx is built, so this reads one index entry, not every run.
    .orderBy(sql`${runs.scheduledFor} desc nulls last`)
    .limit(1)
    .as("last_run");

  const rows = await db
    .select({
      id: monitors.id,
      name: monitors.name,
      collectionId: monitors.collectionId,
      collectionName: collections.name,
      environmentId: monitors.environmentId,
      environmentName: environments.name,
      schedule: monitors.schedule,
      timezone: monitors.timezone,
      runnerMode: monitors.runnerMode,
      options: monitors.options,
      notifications: monitors.notifications,
      paused: monitors.paused,
      pausedReason: monitors.pausedReason,
      nextRunAt: monitors.nextRunAt,
      createdAt: monitors.createdAt,
      updatedAt: monitors.updatedAt,
      createdByName: users.name,
      lastOutcome: lastRun.outcome,
      lastRunAt: lastRun.finishedAt,
    })
    .from(monitors)
    .innerJoin(collections, eq(collections.id, monitors.collectionId))
    .leftJoin(environments, eq(environments.id, monitors.environmentId))
    .leftJoin(users, eq(users.id, monitors.createdById))
    .leftJoinLateral(lastRun, sql`true`)
    .where(and(eq(monitors.teamId, teamId), eq(monitors.workspaceId, workspaceId), where))
    .orderBy(asc(monitors.name), asc(monitors.id));

  const selections =
    rows.length === 0
      ? []
      : await db
          .select({ monitorId: monitorRunners.monitorId, id: runners.id, name: runners.name })
          .from(monitorRunners)
          .innerJoin(runners, eq(runners.id, monitorRunners.runnerId))
          .where(and(inArray(monitorRunners.monitorId, rows.map((r) => r.id)), eq(runners.teamId, teamId)))
          .orderBy(asc(runners.name));

  return rows.map((row) => ({
    ...row,
    notifications: shownNotifications(row.notifications),
    status: statusOf(row.paused, row.lastOutcome),
    runners: selections.filter((s) => s.monitorId === row.id).map(({ id, name }) => ({ id, name })),
  }));
}

function statusOf(paused: boolean, lastOutcome: string | null): MonitorStatus {
  if (paused) return "paused";
  if (!lastOutcome) return "no_runs";
  return lastOutcome === "successful" ? "healthy" : "failing";
}

export type MonitorSummary = Awaited<ReturnType<typeof selectMonitors>>[number];
