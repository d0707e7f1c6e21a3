import type { TRPCRouterRecord } from "@trpc/server";
import { listTeamMembers } from "../services/team/list-members";
import { listMemberships } from "../services/team/list-memberships";
import { privateMonitoringState } from "../services/team/private-monitoring";
import { protectedProcedure, teamProcedure } from "../trpc";

export const teamRouter = {
  current: teamProcedure.query(({ ctx }) => ({
    ...ctx.team,
    role: ctx.role,
    privateMonitoring: privateMonitoringState(ctx.team),
  })),
  members: teamProcedure.query(({ ctx }) => listTeamMembers(ctx.db, ctx.scope)),
  memberships: protectedProcedure.query(({ ctx }) => listMemberships(ctx.db, ctx.userId)),
} satisfies TRPCRouterRecord;
