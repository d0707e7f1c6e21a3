import { and, eq, gte, sql } from "drizzle-orm";
import { monitors, requestExecutions, runs, type Executor } from "@outpost/db";
import type { TeamScope } from "../scope";
import { selectMonitors } from "../monitor/select";
import { responseTimeAggregate, runsInTimeOrder } from "./filters";

/** Runs drawn in each monitor's sparkline. */
export const SPARKLINE_RUNS = 30;
export const DASHBOARD_PERIOD = "7 days";

/**
 * A workspace at a glance: each monitor's health, its success rate over the last 7 days, and the
 * average response time of its latest finished runs (the sparkline). One statement per figure
 * for all monitors at once, each reading a monitor's runs through its time index.
 */
export async function getWorkspaceDashboard(db: Executor, scope: TeamScope, workspace: { id: string }) {
  const teamId = scope.team.id;
  const inWorkspace = and(eq(monitors.teamId, teamId), eq(monitors.workspaceId, workspace.id));
  const ofMonitor = and(eq(runs.monitorId, monitors.id), eq(runs.teamId, teamId), eq(runs.status, "finished"));

  const period = db
    .select({
      runs: sql<number>`count(*)::integer`.as("runs"),
      successful: sql<number>`(count(*) filter (where ${runs.outcome} = 'successful'))::integer`.as("successful"),
    })
    .from(runs)
    .where(and(ofMonitor, gte(runs.scheduledFor, sql`now() - ${DASHBOARD_PERIOD}::interval`)))
    .as("period");
  const figure = db
    .select({ responseTimeMs: responseTimeAggregate("average").as("response_time_ms") })
    .from(requestExecutions)
    .where(eq(requestExecutions.runId, runs.id))
    .as("figure");
  const recent = db
    .select({ id: runs.id, scheduledFor: runs.scheduledFor, outcome: runs.outcome, responseTimeMs: figure.responseTimeMs })
    .from(runs)
    .leftJoinLateral(figure, sql`true`)
    .where(ofMonitor)
    .orderBy(...runsInTimeOrder("newest_first"))
    .limit(SPARKLINE_RUNS)
    .as("recent");

  const [list, stats, points] = await Promise.all([
    selectMonitors(db, teamId, workspace.id),
    db.select({ monitorId: monitors.id, runs: period.runs, successful: period.successful }).from(monitors).leftJoinLateral(period, sql`true`).where(inWorkspace),
    db
      .select({ monitorId: monitors.id, runId: recent.id, at: recent.scheduledFor, outcome: recent.outcome, responseTimeMs: recent.responseTimeMs })
      .from(monitors)
      .innerJoinLateral(recent, sql`true`)
      .where(inWorkspace)
      .orderBy(monitors.id, ...runsInTimeOrder("oldest_first", recent)),
  ]);

  const rows = list.map((monitor) => {
    const counted = stats.find((s) => s.monitorId === monitor.id) ?? { runs: 0, successful: 0 };
    const sparkline = points.filter((p) => p.monitorId === monitor.id).map(({ monitorId: _monitorId, ...point }) => point);
    const timed = sparkline.map((p) => p.responseTimeMs).filter((ms): ms is number => ms !== null);
    return {
      id: monitor.id,
      name: monitor.name,
      status: monitor.status,
      schedule: monitor.schedule,
      timezone: monitor.timezone,
      runnerMode: monitor.runnerMode,
      runners: monitor.runners,
      lastRunAt: monitor.lastRunAt,
      lastOutcome: monitor.lastOutcome,
      nextRunAt: monitor.nextRunAt,
      paused: monitor.paused,
      runs: counted.runs,
      successRate: counted.runs > 0 ? (counted.successful / counted.runs) * 100 : null,
      responseTimeMs: timed.length > 0 ? Math.round(timed.reduce((sum, ms) => sum + ms, 0) / timed.length) : null,
      sparkline,
    };
  });
  const runsInPeriod = stats.reduce((sum, s) => sum + s.runs, 0);
  const successfulInPeriod = stats.reduce((sum, s) => sum + s.successful, 0);
  return {
    monitors: rows,
    totals: {
      monitors: rows.length,
      healthy: rows.filter((m) => m.status === "healthy").length,
      failing: rows.filter((m) => m.status === "failing").length,
      paused: rows.filter((m) => m.status === "paused").length,
      runs: runsInPeriod,
      successRate: runsInPeriod > 0 ? (successfulInPeriod / runsInPeriod) * 100 : null,
    },
  };
}

export type WorkspaceDashboard = Awaited<ReturnType<typeof getWorkspaceDashboard>>;
