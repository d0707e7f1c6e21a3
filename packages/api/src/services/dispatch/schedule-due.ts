import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import { monitorRunners, monitors, runs, teams, type Database } from "@outpost/db";
import { nextRunAt } from "../monitor/schedule";
import { privateMonitoringState } from "../team/private-monitoring";

const BATCH = 200;

/**
 * Turns due monitors into runs, one per selected runner (or one on the hosted runner), and moves
 * each monitor's next run time on. Monitors are locked with SKIP LOCKED, so any number of console
 * processes can schedule at once without doubling a run; a runner that still has a run of the
 * monitor in flight is skipped, so runs never overlap.
 */
export async function scheduleDueMonitors(db: Database, now = new Date()) {
  return db.transaction(async (tx) => {
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
      })
      .from(monitors)
      .innerJoin(teams, eq(teams.id, monitors.teamId))
      .where(and(eq(monitors.paused, false), lte(monitors.nextRunAt, now)))
      .orderBy(asc(monitors.nextRunAt))
      .limit(BATCH)
      .for("update", { of: monitors, skipLocked: true });
    if (due.length === 0) return { queued: [] as Array<string | null> };

    const selections = await tx
      .select({ monitorId: monitorRunners.monitorId, runnerId: monitorRunners.runnerId })
      .from(monitorRunners)
      .where(inArray(monitorRunners.monitorId, due.map((m) => m.id)));

    const values = due.flatMap((monitor) => {
      const targets =
        monitor.runnerMode === "auto"
          ? [null]
          : privateMonitoringState(monitor) === "available"
            ? selections.filter((s) => s.monitorId === monitor.id).map((s) => s.runnerId)
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

    for (const monitor of due) {
      await tx
        .update(monitors)
        .set({ nextRunAt: nextRunAt(monitor.schedule, monitor.timezone, now), updatedAt: sql`${monitors.updatedAt}` })
        .where(eq(monitors.id, monitor.id));
    }
    return { queued: queued.map((r) => r.runnerId) };
  });
}
