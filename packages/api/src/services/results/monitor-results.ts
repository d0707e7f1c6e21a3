import { and, eq, gt, gte, inArray, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { assertions, requestExecutions, runners, runs, type Executor } from "@outpost/db";
import { z } from "zod";
import type { TeamScope } from "../scope";
import { executionsMatching, responseTimeAggregate, runsInTimeOrder, runsMatching } from "./filters";
import { findResultsMonitor, type ResultsMonitor } from "./find-monitor";
import { MonitorRef, ResultsFilters } from "./input";

/**
 * Where in a monitor's history a page sits. Cursors are run ids: the page older than `before`, or
 * newer than `after` (by scheduled time, then id), so paging never counts rows (no OFFSET), and a
 * new run arriving never shifts what an older page shows. `from` is "Go to": runs from that instant on.
 */
export const ResultsPage = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("latest") }),
  z.object({ kind: z.literal("older"), before: z.uuid() }),
  z.object({ kind: z.literal("newer"), after: z.uuid() }),
  z.object({ kind: z.literal("from"), at: z.date() }),
]);
export type ResultsPage = z.output<typeof ResultsPage>;

export const MonitorResultsInput = MonitorRef.extend({
  filters: ResultsFilters.default({ formula: "average" }),
  page: ResultsPage.default({ kind: "latest" }),
  limit: z.number().int().min(1).max(100).default(50),
});

type Direction = "older" | "newer";

/**
 * One page of a monitor's runs, oldest first (the chart's left to right), each with its
 * response-time figure under the chosen formula, its failed and total tests, and its requests'
 * response times for the per-request split. Every figure is an aggregate computed in the database
 * over the page's runs only.
 */
export async function listMonitorResults(
  db: Executor,
  scope: TeamScope,
  workspace: { id: string },
  input: z.output<typeof MonitorResultsInput>,
) {
  const monitor = await findResultsMonitor(db, scope, workspace, input.monitorId);
  const { filters, limit } = input;
  const matching = runsMatching(monitor, filters);
  const fetch = (direction: Direction, where?: SQL) => selectPage(db, monitor, filters, and(matching, where)!, direction, limit + 1);

  const latest = async () => {
    const rows = await fetch("older");
    return page(rows.slice(0, limit).reverse(), { older: rows.length > limit, newer: false });
  };

  const { page: at } = input;
  if (at.kind === "latest") return withSplit(db, filters, await latest());

  if (at.kind === "older") {
    const rows = await fetch("older", before(monitor, at.before));
    if (rows.length < limit) {
      // Past the beginning of history: show the oldest full page instead of a short one.
      const oldest = await fetch("newer");
      return withSplit(db, filters, page(oldest.slice(0, limit), { older: false, newer: oldest.length > limit }));
    }
    return withSplit(db, filters, page(rows.slice(0, limit).reverse(), { older: rows.length > limit, newer: true }));
  }

  const rows = await fetch("newer", at.kind === "newer" ? after(monitor, at.after) : gte(runs.scheduledFor, at.at));
  // Fewer runs than a page from here on: the latest page holds them all.
  if (rows.length <= limit) return withSplit(db, filters, await latest());
  const shown = rows.slice(0, limit);
  const hasOlder = at.kind === "newer" || (await existsBefore(db, matching, monitor, shown[0]!.id));
  return withSplit(db, filters, page(shown, { older: hasOlder, newer: true }));
}

/** The scheduled time of the cursor run, read in the database so its microseconds survive. */
function cursorTime(monitor: ResultsMonitor, runId: string): SQL {
  return sql`(select cursor_run.scheduled_for from runs cursor_run
    where cursor_run.id = ${runId} and cursor_run.monitor_id = ${monitor.id} and cursor_run.team_id = ${monitor.teamId})`;
}

function before(monitor: ResultsMonitor, runId: string): SQL {
  const time = cursorTime(monitor, runId);
  return and(lte(runs.scheduledFor, time), or(lt(runs.scheduledFor, time), lt(runs.id, runId)))!;
}

function after(monitor: ResultsMonitor, runId: string): SQL {
  const time = cursorTime(monitor, runId);
  return and(gte(runs.scheduledFor, time), or(gt(runs.scheduledFor, time), gt(runs.id, runId)))!;
}

async function existsBefore(db: Executor, matching: SQL, monitor: ResultsMonitor, runId: string) {
  const [row] = await db.select({ id: runs.id }).from(runs).where(and(matching, before(monitor, runId))).limit(1);
  return Boolean(row);
}

async function selectPage(
  db: Executor,
  monitor: ResultsMonitor,
  filters: ResultsFilters,
  where: SQL,
  direction: Direction,
  limit: number,
) {
  const order = runsInTimeOrder(direction === "older" ? "newest_first" : "oldest_first");
  // The page is chosen first, so the aggregates below run for its rows only.
  const pageRuns = db.$with("page_runs").as(
    db
      .select({
        id: runs.id,
        type: runs.type,
        status: runs.status,
        outcome: runs.outcome,
        errorMessage: runs.errorMessage,
        runnerId: runs.runnerId,
        scheduledFor: runs.scheduledFor,
        startedAt: runs.startedAt,
        finishedAt: runs.finishedAt,
        durationMs: runs.durationMs,
        requestCount: runs.requestCount,
      })
      .from(runs)
      .where(where)
      .orderBy(...order)
      .limit(limit),
  );
  const figure = db
    .select({ responseTimeMs: responseTimeAggregate(filters.formula).as("response_time_ms") })
    .from(requestExecutions)
    .where(executionsMatching(sql`${pageRuns.id}`, filters.request))
    .as("figure");
  const counted = filters.request
    ? inArray(
        assertions.executionId,
        db.select({ id: requestExecutions.id }).from(requestExecutions).where(executionsMatching(sql`${pageRuns.id}`, filters.request)),
      )
    : undefined;
  const tests = db
    .select({
      failed: sql<number>`(count(*) filter (where not ${assertions.passed}))::integer`.as("failed"),
      total: sql<number>`count(*)::integer`.as("total"),
    })
    .from(assertions)
    .where(and(eq(assertions.runId, sql`${pageRuns.id}`), counted))
    .as("tests");

  const pageOrder = runsInTimeOrder(direction === "older" ? "newest_first" : "oldest_first", pageRuns);
  return db
    .with(pageRuns)
    .select({
      id: pageRuns.id,
      type: pageRuns.type,
      status: pageRuns.status,
      outcome: pageRuns.outcome,
      errorMessage: pageRuns.errorMessage,
      runnerId: pageRuns.runnerId,
      runnerName: runners.name,
      scheduledFor: pageRuns.scheduledFor,
      startedAt: pageRuns.startedAt,
      finishedAt: pageRuns.finishedAt,
      durationMs: pageRuns.durationMs,
      requestCount: pageRuns.requestCount,
      responseTimeMs: figure.responseTimeMs,
      failedTests: tests.failed,
      totalTests: tests.total,
    })
    .from(pageRuns)
    .leftJoin(runners, and(eq(runners.id, pageRuns.runnerId), eq(runners.teamId, monitor.teamId)))
    .leftJoinLateral(figure, sql`true`)
    .leftJoinLateral(tests, sql`true`)
    .orderBy(...pageOrder);
}

type PageRow = Awaited<ReturnType<typeof selectPage>>[number];

function page(rows: PageRow[], more: { older: boolean; newer: boolean }) {
  return {
    runs: rows,
    /** Pass as `before` for the next older page; null at the beginning of history. */
    older: more.older && rows.length > 0 ? rows[0]!.id : null,
    /** Pass as `after` for the next newer page; null on the latest page. */
    newer: more.newer && rows.length > 0 ? rows[rows.length - 1]!.id : null,
  };
}

/** Adds each run's response time per request (the per-request split), in the collection's order. */
async function withSplit(db: Executor, filters: ResultsFilters, result: ReturnType<typeof page>) {
  const ids = result.runs.map((run) => run.id);
  const split =
    ids.length === 0
      ? []
      : await db
          .select({
            runId: requestExecutions.runId,
            requestName: requestExecutions.requestName,
            position: sql<number>`min(${requestExecutions.position})`.as("first_position"),
            responseTimeMs: responseTimeAggregate(filters.formula),
          })
          .from(requestExecutions)
          .where(and(inArray(requestExecutions.runId, ids), filters.request ? eq(requestExecutions.requestName, filters.request) : undefined))
          .groupBy(requestExecutions.runId, requestExecutions.requestName)
          .orderBy(sql`first_position`, requestExecutions.requestName);
  return {
    ...result,
    runs: result.runs.map((run) => ({
      ...run,
      requests: split.filter((row) => row.runId === run.id).map(({ requestName, responseTimeMs }) => ({ requestName, responseTimeMs })),
    })),
  };
}

export type MonitorResults = Awaited<ReturnType<typeof listMonitorResults>>;
export type ResultsRun = MonitorResults["runs"][number];
