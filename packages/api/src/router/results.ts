import type { TRPCRouterRecord } from "@trpc/server";
import { listResultsFilterOptions } from "../services/results/filter-options";
import { MonitorRef } from "../services/results/input";
import { listMonitorResults, MonitorResultsInput } from "../services/results/monitor-results";
import { MonitorSummaryInput, summarizeMonitorResults } from "../services/results/monitor-summary";
import { getRunDetail, RunDetailInput } from "../services/results/run-detail";
import { getWorkspaceDashboard } from "../services/results/workspace-dashboard";
import { workspaceViewerProcedure } from "../trpc";

/** Monitor results, for anyone who can see the workspace (viewer and up). */
export const resultsRouter = {
  summary: workspaceViewerProcedure
    .input(MonitorSummaryInput)
    .query(({ ctx, input }) => summarizeMonitorResults(ctx.db, ctx.scope, ctx.workspace, input)),
  runs: workspaceViewerProcedure
    .input(MonitorResultsInput)
    .query(({ ctx, input }) => listMonitorResults(ctx.db, ctx.scope, ctx.workspace, input)),
  filterOptions: workspaceViewerProcedure
    .input(MonitorRef)
    .query(({ ctx, input }) => listResultsFilterOptions(ctx.db, ctx.scope, ctx.workspace, input)),
  run: workspaceViewerProcedure.input(RunDetailInput).query(({ ctx, input }) => getRunDetail(ctx.db, ctx.scope, ctx.workspace, input)),
  dashboard: workspaceViewerProcedure.query(({ ctx }) => getWorkspaceDashboard(ctx.db, ctx.scope, ctx.workspace)),
} satisfies TRPCRouterRecord;
