import type { TRPCRouterRecord } from "@trpc/server";
import { createWorkspace, CreateWorkspaceInput } from "../services/workspace/create";
import { listWorkspaces } from "../services/workspace/list";
import { listWorkspaceMembers } from "../services/workspace/list-members";
import {
  removeWorkspaceMember,
  RemoveWorkspaceMemberInput,
  setWorkspaceMember,
  SetWorkspaceMemberInput,
} from "../services/workspace/set-member";
import { teamProcedure, workspaceProcedure, workspaceViewerProcedure } from "../trpc";

export const workspaceRouter = {
  list: teamProcedure.query(({ ctx }) => listWorkspaces(ctx.db, ctx.actor)),
  get: workspaceViewerProcedure.query(({ ctx }) => ctx.workspace),
  create: teamProcedure.input(CreateWorkspaceInput).mutation(({ ctx, input }) => createWorkspace(ctx.db, ctx.scope, input)),
  members: workspaceViewerProcedure.query(({ ctx }) => listWorkspaceMembers(ctx.db, ctx.scope, ctx.workspace)),
  setMember: workspaceProcedure("admin")
    .input(SetWorkspaceMemberInput)
    .mutation(({ ctx, input }) => setWorkspaceMember(ctx.db, ctx.scope, ctx.workspace, input)),
  removeMember: workspaceProcedure("admin")
    .input(RemoveWorkspaceMemberInput)
    .mutation(({ ctx, input }) => removeWorkspaceMember(ctx.db, ctx.scope, ctx.workspace, input)),
} satisfies TRPCRouterRecord;
