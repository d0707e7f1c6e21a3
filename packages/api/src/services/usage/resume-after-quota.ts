import { and, eq, isNotNull, not, sql } from "drizzle-orm";
import { monitors, teams, usageMonths, type Executor } from "@outpost/db";
import { nextRunAt } from "../monitor/schedule";
import { usagePeriod } from "./period";
import { quotaExhaustedSql, usageOfPeriod } from "./quota";

const BATCH = 200;

/**
 * Resumes the monitors the quota paused once their team may run again: a new period began, an
 * admin allowed overage, the plan or the team's quota changed. Each runs next on its schedule.
 */
export async function resumeMonitorsAfterQuota(tx: Executor, now: Date) {
  const ready = await tx
    .select({ id: monitors.id, schedule: monitors.schedule, timezone: monitors.timezone })
    .from(monitors)
    .innerJoin(teams, eq(teams.id, monitors.teamId))
    .leftJoin(usageMonths, usageOfPeriod(usagePeriod(now)))
    .where(and(isNotNull(monitors.quotaPausedAt), not(quotaExhaustedSql)))
    .limit(BATCH)
    .for("update", { of: monitors, skipLocked: true });
  for (const monitor of ready) {
    await tx
      .update(monitors)
      .set({
        paused: false,
        pausedReason: null,
        quotaPausedAt: null,
        nextRunAt: nextRunAt(monitor, now),
        updatedAt: sql`${monitors.updatedAt}`,
      })
      .where(eq(monitors.id, monitor.id));
  }
  return ready.map((monitor) => monitor.id);
}
