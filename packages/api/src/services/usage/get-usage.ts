import { and, asc, count, desc, eq, gte, lt, sql } from "drizzle-orm";
import { monitors, runs, workspaces, type Executor } from "@outpost/db";
import type { TeamScope } from "../scope";
import { getQuotaState } from "./get-quota-state";
import { PLAN_LABELS } from "./quota";

/**
 * The team's usage this period (a UTC calendar month): requests used against the quota, and each
 * monitor's share, summed from its finished runs (retries included: runners count every request).
 */
export async function getUsage(db: Executor, scope: TeamScope, now = new Date()) {
  const state = await getQuotaState(db, scope.team.id, now);
  const { start, end } = state.period;

  const used = db
    .select({
      monitorId: runs.monitorId,
      requests: sql<number>`sum(${runs.requestCount})`.as("requests"),
      runs: count().as("runs"),
    })
    .from(runs)
    .where(and(eq(runs.teamId, scope.team.id), eq(runs.status, "finished"), gte(runs.finishedAt, start), lt(runs.finishedAt, end)))
    .groupBy(runs.monitorId)
    .as("used");
  const requests = sql<number>`coalesce(${used.requests}, 0)`.mapWith(Number);
  const perMonitor = await db
    .select({
      id: monitors.id,
      name: monitors.name,
      workspaceName: workspaces.name,
      paused: monitors.paused,
      pausedReason: monitors.pausedReason,
      requests,
      runs: sql<number>`coalesce(${used.runs}, 0)`.mapWith(Number),
    })
    .from(monitors)
    .innerJoin(workspaces, and(eq(workspaces.id, monitors.workspaceId), eq(workspaces.teamId, scope.team.id)))
    .leftJoin(used, eq(used.monitorId, monitors.id))
    .where(eq(monitors.teamId, scope.team.id))
    .orderBy(desc(requests), asc(monitors.name), asc(monitors.id));

  const counted = perMonitor.reduce((sum, monitor) => sum + monitor.requests, 0);
  return {
    plan: state.plan,
    planLabel: PLAN_LABELS[state.plan],
    quota: state.quota,
    used: state.used,
    remaining: Math.max(0, state.quota - state.used),
    overage: Math.max(0, state.used - state.quota),
    overageAllowed: state.overageAllowed,
    /** At the quota the team's monitors pause (Free, or overage turned off) rather than run on as overage. */
    stopsAtQuota: state.plan === "free" || !state.overageAllowed,
    exhausted: state.exhausted,
    pausedReason: state.reason,
    periodStart: start,
    resetsAt: end,
    monitors: perMonitor,
    /** Requests of monitors deleted since (their runs went with them); the meter still counts them. */
    deletedMonitorsRequests: Math.max(0, state.used - counted),
  };
}

export type Usage = Awaited<ReturnType<typeof getUsage>>;
