import type { TRPCRouterRecord } from "@trpc/server";
import { listMonitorActivity } from "../services/monitor/activity";
import { createMonitor, CreateMonitorInput } from "../services/monitor/create";
import { deleteMonitor } from "../services/monitor/delete";
import { getMonitor, MonitorIdInput } from "../services/monitor/get";
import { listMonitors } from "../services/monitor/list";
import { runMonitorNow } from "../services/monitor/run-now";
import { setMonitorPaused, SetPausedInput } from "../services/monitor/set-paused";
import { updateMonitor, UpdateMonitorInput } from "../services/monitor/update";
import { workspaceEditorProcedure, workspaceViewerProcedure } from "../trpc";

export const monitorRouter = {
  list: workspaceViewerProcedure.query(({ ctx }) => listMonitors(ctx.db, ctx.scope, ctx.workspace)),
  get: workspaceViewerProcedure.input(MonitorIdInput).query(({ ctx, input }) => getMonitor(ctx.db, ctx.scope, ctx.workspace, input)),
  activity: workspaceViewerProcedure
    .input(MonitorIdInput)
    .query(({ ctx, input }) => listMonitorActivity(ctx.db, ctx.scope, ctx.workspace, input)),
  create: workspaceEditorProcedure
    .input(CreateMonitorInput)
    .mutation(({ ctx, input }) => createMonitor(ctx.db, ctx.secrets, ctx.scope, ctx.workspace, input)),
  update: workspaceEditorProcedure
    .input(UpdateMonitorInput)
    .mutation(({ ctx, input }) => updateMonitor(ctx.db, ctx.secrets, ctx.scope, ctx.workspace, input)),
  setPaused: workspaceEditorProcedure
    .input(SetPausedInput)
    .mutation(({ ctx, input }) => setMonitorPaused(ctx.db, ctx.scope, ctx.workspace, input)),
  runNow: workspaceEditorProcedure
    .input(MonitorIdInput)
    .mutation(({ ctx, input }) => runMonitorNow(ctx.db, ctx.scope, ctx.workspace, input)),
  delete: workspaceEditorProcedure
    .input(MonitorIdInput)
    .mutation(({ ctx, input }) => deleteMonitor(ctx.db, ctx.scope, ctx.workspace, input)),
} satisfies TRPCRouterRecord;
