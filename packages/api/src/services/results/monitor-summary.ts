import { and, eq, gte, ne, sql } from "drizzle-orm";
import { requestExecutions, runs, type Executor } from "@outpost/db";
import { z } from "zod";
import type { TeamScope } from "../scope";
import { executionsMatching, responseTimeAggregate, runsInTimeOrder, runsMatching } from "./filters";
import { findResultsMonitor } from "./find-monitor";
import { MonitorRef, ResultsFilters } from "./input";

export const SUMMARY_PERIODS = { "24h": "24 hours", "7d": "7 days", "30d": "30 days" } as const;

export const MonitorSummaryInput = MonitorRef.extend({
  filters: ResultsFilters.default({ formula: "average" }),
  period: z.enum(Object.keys(SUMMARY_PERIODS) as [keyof typeof SUMMARY_PERIODS]).default("24h"),
});

/**
 * The response-time figure of a period covers at most this many of its latest runs. Counting runs
 * by outcome reads the runs table only, but a run's response time is an aggregate of its requests,
 * one index probe per run: bounding the runs keeps the summary fast however often a monitor runs
 * (100,000 runs in a period would take ~0.4 s), and the page says when the figure is bounded.
 */
export const RESPONSE_TIME_RUNS = 5_000;

/**
 * A monitor's health over the selected period, with the same filters as its chart: finished runs
 * by outcome, the success rate, and the mean of the runs' response-time figures (each run's figure
 * under the chosen formula). `inFlight` counts runs queued or running now, whatever the filters,
 * so a page can poll faster while one is on its way.
 */
export async function summarizeMonitorResults(
  db: Executor,
  scope: TeamScope,
  workspace: { id: string },
  input: z.output<typeof MonitorSummaryInput>,
  { responseTimeRuns = RESPONSE_TIME_RUNS }: { responseTimeRuns?: number } = {},
) {
  const monitor = await findResultsMonitor(db, scope, workspace, input.monitorId);
  const { filters } = input;
  const inPeriod = and(
    runsMatching(monitor, filters),
    eq(runs.status, "finished"),
    gte(runs.scheduledFor, sql`now() - ${SUMMARY_PERIODS[input.period]}::interval`),
  );
  const latest = db
    .select({ id: runs.id })
    .from(runs)
    .where(inPeriod)
    .orderBy(...runsInTimeOrder("newest_first"))
    .limit(responseTimeRuns)
    .as("latest");
  const figure = db
    .select({ responseTimeMs: responseTimeAggregate(filters.formula).as("response_time_ms") })
    .from(requestExecutions)
    .where(executionsMatching(sql`${latest.id}`, filters.request))
    .as("figure");
  const outcomes = (outcome: string) => sql<number>`(count(*) filter (where ${runs.outcome} = ${outcome}))::integer`;

  const [[totals], [timing], [inFlight]] = await Promise.all([
    db
      .select({
        runs: sql<number>`count(*)::integer`,
        successful: outcomes("successful"),
        failure: outcomes("failure"),
        error: outcomes("error"),
        abort: outcomes("abort"),
      })
      .from(runs)
      .where(inPeriod),
    db
      .select({
        runs: sql<number>`count(*)::integer`,
        responseTimeMs: sql<number | null>`(round(avg(${figure.responseTimeMs})))::integer`,
      })
      .from(latest)
      .leftJoinLateral(figure, sql`true`),
    db
      .select({ runs: sql<number>`count(*)::integer` })
      .from(runs)
      .where(and(eq(runs.teamId, monitor.teamId), eq(runs.monitorId, monitor.id), ne(runs.status, "finished"))),
  ]);
  const { runs: finished, successful, failure, error, abort } = totals!;
  return {
    period: input.period,
    runs: finished,
    outcomes: { successful, failure, error, abort },
    /** Successful runs in percent of finished runs; null without runs. */
    successRate: finished > 0 ? (successful / finished) * 100 : null,
    responseTimeMs: timing!.responseTimeMs,
    /** How many of the period's latest runs the response time covers (all of them up to RESPONSE_TIME_RUNS). */
    responseTimeRuns: timing!.runs,
    inFlight: inFlight!.runs,
  };
}

export type MonitorSummary = Awaited<ReturnType<typeof summarizeMonitorResults>>;
