import type { TRPCRouterRecord } from "@trpc/server";
import { createEnvironment, CreateEnvironmentInput } from "../services/environment/create";
import { deleteEnvironment, DeleteEnvironmentInput } from "../services/environment/delete";
import { getEnvironment, GetEnvironmentInput } from "../services/environment/get";
import { listEnvironments, ListEnvironmentsInput } from "../services/environment/list";
import { updateEnvironment, UpdateEnvironmentInput } from "../services/environment/update";
import { workspaceProcedure } from "../trpc";

/** Environments of one workspace: anyone with access reads them (secrets redacted), editors change them. */
export const environmentRouter = {
  list: workspaceProcedure("viewer")
    .input(ListEnvironmentsInput)
    .query(({ ctx, input }) => listEnvironments(ctx.db, ctx.scope, ctx.workspace, input)),
  get: workspaceProcedure("viewer")
    .input(GetEnvironmentInput)
    .query(({ ctx, input }) => getEnvironment(ctx.db, ctx.scope, ctx.workspace, input)),
  create: workspaceProcedure("editor")
    .input(CreateEnvironmentInput)
    .mutation(({ ctx, input }) => createEnvironment(ctx.db, ctx.secrets, ctx.scope, ctx.workspace, input)),
  update: workspaceProcedure("editor")
    .input(UpdateEnvironmentInput)
    .mutation(({ ctx, input }) => updateEnvironment(ctx.db, ctx.secrets, ctx.scope, ctx.workspace, input)),
  delete: workspaceProcedure("editor")
    .input(DeleteEnvironmentInput)
    .mutation(({ ctx, input }) => deleteEnvironment(ctx.db, ctx.scope, ctx.workspace, input)),
} satisfies TRPCRouterRecord;
