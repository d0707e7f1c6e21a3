import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import type { Database, WorkspaceRole } from "@outpost/db";
import { canSeeUsage, isTeamAdmin } from "@outpost/auth";
import { ServiceError } from "./services/errors";
import type { SecretCipher } from "./services/secrets/cipher";
import { findMembership, type Membership } from "./services/team/find-membership";
import { getWorkspaceAccess } from "./services/workspace/get-access";

export type Session = { user: { id: string; email?: string | null; name?: string | null } } | null;

export type CreateContextOptions = {
  db: Database;
  session: Session;
  /** The team the user picked in the console (a cookie); only honoured if they belong to it. */
  preferredTeamId?: string;
  /** The console's public URL, as runners reach it: part of every install command. */
  publicUrl: string;
  /** Encrypts secret values at rest (environment variables marked secret). */
  secrets: SecretCipher;
};

export function createTRPCContext(opts: CreateContextOptions) {
  // One membership lookup per context (a request, or a batch of calls), however many procedures ask.
  return { ...opts, memo: {} as { membership?: Promise<Membership | null> } };
}
export type Context = ReturnType<typeof createTRPCContext>;

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const unexpected = error.code === "INTERNAL_SERVER_ERROR";
    return {
      ...shape,
      // Unexpected errors are logged on the server and shown generically; never leak internals.
      message: unexpected ? "Something went wrong on our side. Please try again." : shape.message,
      data: {
        ...shape.data,
        stack: undefined,
        zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
      },
    };
  },
});

/** The one place where a service's domain error becomes a tRPC error. */
const serviceErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof ServiceError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: cause.code, message: cause.message, cause });
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(serviceErrors);

/** Signed in: `ctx.userId` is set. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  const userId = ctx.session?.user.id;
  if (!userId) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { userId } });
});

/** A member of a team: `ctx.team` and `ctx.role` come from the database, never from input. */
export const teamProcedure = protectedProcedure.use(async ({ ctx, next }) => {
  ctx.memo.membership ??= findMembership(ctx.db, ctx.userId, ctx.preferredTeamId);
  const membership = await ctx.memo.membership;
  if (!membership) throw new TRPCError({ code: "FORBIDDEN", message: "You are not a member of any team." });
  const actor = { userId: ctx.userId, teamId: membership.team.id, teamRole: membership.role };
  return next({
    ctx: { team: membership.team, role: membership.role, actor, scope: { actor, team: membership.team } },
  });
});

/** A Team Admin or Super Admin of the current team. */
export const teamAdminProcedure = teamProcedure.use(({ ctx, next }) => {
  if (!isTeamAdmin(ctx.role)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only a Team Admin or Super Admin can do this." });
  }
  return next();
});

/** Who may see the team's usage: Team Admins, Super Admins and Billing. */
export const usageViewerProcedure = teamProcedure.use(({ ctx, next }) => {
  if (!canSeeUsage(ctx.role)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only Team Admins, Super Admins and Billing can see the team's usage." });
  }
  return next();
});

/**
 * Acting in one workspace of the current team with at least `required` role there. The procedure's
 * input carries `workspaceId`; the workspace is resolved within `ctx.team`, so another team's id is
 * simply not found.
 */
export function workspaceProcedure(required: WorkspaceRole) {
  return teamProcedure.input(z.object({ workspaceId: z.uuid() })).use(async ({ ctx, input, next }) => {
    const workspace = await getWorkspaceAccess(ctx.db, ctx.actor, input.workspaceId, required);
    return next({ ctx: { workspace } });
  });
}
export const workspaceViewerProcedure = workspaceProcedure("viewer");
export const workspaceEditorProcedure = workspaceProcedure("editor");
