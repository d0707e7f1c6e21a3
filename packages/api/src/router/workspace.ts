import type { TRPCRouterRecord } from "@trpc/server";
import { listWorkspaces } from "../services/workspace/list";
import { teamProcedure, workspaceViewerProcedure } from "../trpc";

export const workspaceRouter = {
  list: teamProcedure.query(({ ctx }) => listWorkspaces(ctx.db, ctx.actor)),
  get: workspaceViewerProcedure.query(({ ctx }) => ctx.workspace),
} satisfies TRPCRouterRecord;
