import type { TRPCRouterRecord } from "@trpc/server";
import { getUsage } from "../services/usage/get-usage";
import { setOverageAllowed, SetOverageInput } from "../services/usage/set-overage";
import { teamAdminProcedure, usageViewerProcedure } from "../trpc";

export const usageRouter = {
  current: usageViewerProcedure.query(({ ctx }) => getUsage(ctx.db, ctx.scope)),
  setOverage: teamAdminProcedure
    .input(SetOverageInput)
    .mutation(({ ctx, input }) => setOverageAllowed(ctx.db, ctx.scope, input)),
} satisfies TRPCRouterRecord;
