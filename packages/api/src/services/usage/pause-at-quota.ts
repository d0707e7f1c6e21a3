import { and, eq, inArray, sql } from "drizzle-orm";
import { monitors, type Executor, type TeamPlan } from "@outpost/db";
import { usagePeriod } from "./period";
import { quotaExhaustedReason } from "./quota";

/**
 * Pauses the team's active monitors because its quota is used up, with the reason they show.
 * Monitors another transaction holds are skipped (never waited on, so two schedulers can't
 * deadlock): they are paused when they next fall due.
 */
export async function pauseMonitorsAtQuota(tx: Executor, team: { id: string; plan: TeamPlan; quota: number }, now: Date) {
  const active = and(eq(monitors.teamId, team.id), eq(monitors.paused, false));
  const lockable = tx.select({ id: monitors.id }).from(monitors).where(active).for("update", { skipLocked: true });
  return tx
    .update(monitors)
    .set({
      paused: true,
      pausedReason: quotaExhaustedReason(team, usagePeriod(now)),
      quotaPausedAt: now,
      // Not a change anyone made: "Modified" stays the user's last edit.
      updatedAt: sql`${monitors.updatedAt}`,
    })
    .where(and(active, inArray(monitors.id, lockable)))
    .returning({ id: monitors.id });
}
