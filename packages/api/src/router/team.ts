import type { TRPCRouterRecord } from "@trpc/server";
import { listMemberships } from "../services/team/list-memberships";
import { privateMonitoringState } from "../services/team/private-monitoring";
import { protectedProcedure, teamProcedure } from "../trpc";

export const teamRouter = {
  current: teamProcedure.query(({ ctx }) => ({
    ...ctx.team,
    role: ctx.role,
    privateMonitoring: privateMonitoringState(ctx.team),
  })),
  memberships: protectedProcedure.query(({ ctx }) => listMemberships(ctx.db, ctx.userId)),
} satisfies TRPCRouterRecord;
