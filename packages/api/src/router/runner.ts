import type { TRPCRouterRecord } from "@trpc/server";
import { createRunner, CreateRunnerInput } from "../services/runner/create";
import { deleteRunner, DeleteRunnerInput } from "../services/runner/delete";
import { getRunner, GetRunnerInput } from "../services/runner/get";
import { getInstallCommand, InstallCommandInput } from "../services/runner/install-command";
import { listRunners, ListRunnersInput } from "../services/runner/list";
import { listRunnerCreators } from "../services/runner/list-creators";
import { listRunnersForWorkspace } from "../services/runner/list-for-workspace";
import { resetRunnerKey, ResetRunnerKeyInput } from "../services/runner/reset-key";
import { updateRunner, UpdateRunnerInput } from "../services/runner/update";
import { teamAdminProcedure, workspaceViewerProcedure } from "../trpc";

export const runnerRouter = {
  create: teamAdminProcedure
    .input(CreateRunnerInput)
    .mutation(({ ctx, input }) => createRunner(ctx.db, ctx.scope, ctx.publicUrl, input)),
  list: teamAdminProcedure.input(ListRunnersInput).query(({ ctx, input }) => listRunners(ctx.db, ctx.scope, input)),
  creators: teamAdminProcedure.query(({ ctx }) => listRunnerCreators(ctx.db, ctx.scope)),
  get: teamAdminProcedure.input(GetRunnerInput).query(({ ctx, input }) => getRunner(ctx.db, ctx.scope, input)),
  update: teamAdminProcedure.input(UpdateRunnerInput).mutation(({ ctx, input }) => updateRunner(ctx.db, ctx.scope, input)),
  resetKey: teamAdminProcedure
    .input(ResetRunnerKeyInput)
    .mutation(({ ctx, input }) => resetRunnerKey(ctx.db, ctx.scope, ctx.publicUrl, input)),
  delete: teamAdminProcedure.input(DeleteRunnerInput).mutation(({ ctx, input }) => deleteRunner(ctx.db, ctx.scope, input)),
  installCommand: teamAdminProcedure
    .input(InstallCommandInput)
    .query(({ ctx, input }) => getInstallCommand(ctx.db, ctx.scope, ctx.publicUrl, input)),
  /** For the monitor editor: any member of the workspace sees the runners a monitor there may use. */
  listForWorkspace: workspaceViewerProcedure.query(({ ctx }) => listRunnersForWorkspace(ctx.db, ctx.scope, ctx.workspace)),
} satisfies TRPCRouterRecord;
