import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import { requestExecutions, runs } from "@outpost/db";
import type { ResultsMonitor } from "./find-monitor";
import { HOSTED_RUNNER_FILTER, type Formula, type ResultsFilters } from "./input";

/** A monitor's runs, always within its team, narrowed by the run-level filters. */
export function runsMatching(monitor: ResultsMonitor, filters: Omit<ResultsFilters, "formula" | "request">): SQL {
  return and(
    eq(runs.teamId, monitor.teamId),
    eq(runs.monitorId, monitor.id),
    filters.type ? eq(runs.type, filters.type) : undefined,
    filters.outcome ? eq(runs.outcome, filters.outcome) : undefined,
    filters.runner === HOSTED_RUNNER_FILTER ? isNull(runs.runnerId) : filters.runner ? eq(runs.runnerId, filters.runner) : undefined,
  )!;
}

/** Executions counted for a run's figures: all of them, or one request's. */
export function executionsMatching(runId: SQL | typeof runs.id, request: string | undefined): SQL {
  return and(eq(requestExecutions.runId, runId), request ? eq(requestExecutions.requestName, request) : undefined)!;
}

/** The formula over request response times, as an aggregate in whole milliseconds (null with no timings). */
export function responseTimeAggregate(formula: Formula): SQL<number | null> {
  const ms = requestExecutions.responseTimeMs;
  const aggregates: Record<Formula, SQL> = {
    average: sql`round(avg(${ms}))`,
    sum: sql`sum(${ms})`,
    min: sql`min(${ms})`,
    max: sql`max(${ms})`,
  };
  return sql<number | null>`(${aggregates[formula]})::integer`;
}

/**
 * A monitor's runs in time order, spelled to match runs_monitor_time_idx (scheduled_for DESC NULLS
 * LAST): PostgreSQL only reads an index in order for the exact null ordering it was built with, so
 * a plain `desc` (NULLS FIRST) would sort every run of the monitor instead. Ties (one run per
 * runner at the same scheduled time) are broken by id.
 */
export function runsInTimeOrder(direction: "newest_first" | "oldest_first", columns: { scheduledFor: unknown; id: unknown } = runs): SQL[] {
  return direction === "newest_first"
    ? [sql`${columns.scheduledFor} desc nulls last`, sql`${columns.id} desc`]
    : [sql`${columns.scheduledFor} asc nulls first`, sql`${columns.id} asc`];
}
