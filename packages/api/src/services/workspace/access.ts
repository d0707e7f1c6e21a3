import { and, eq, or, sql, type SQL } from "drizzle-orm";
import { workspaceMembers, workspaces, type Executor, type TeamRole, type WorkspaceRole } from "@outpost/db";
import { isTeamAdmin } from "@outpost/auth";

export type Actor = { userId: string; teamId: string; teamRole: TeamRole };

/**
 * A user's role in each workspace of their team, computed in SQL so every query that needs it
 * filters in the database: an explicit workspace membership, or — for team admins — admin of every
 * internal and public workspace. A personal workspace is only ever its owner's.
 */
export function workspaceRoleExpression(actor: Actor): SQL<WorkspaceRole | null> {
  const adminOfShared = isTeamAdmin(actor.teamRole)
    ? sql`when ${workspaces.type} <> 'personal' then 'admin'`
    : sql``;
  return sql<WorkspaceRole | null>`case
    when ${workspaces.type} = 'personal' then case when ${workspaces.ownerId} = ${actor.userId} then 'admin' end
    ${adminOfShared}
    else ${workspaceMembers.role}::text end`;
}

export function accessibleWorkspaces(db: Executor, actor: Actor) {
  return db
    .select({
      id: workspaces.id,
      name: workspaces.name,
      type: workspaces.type,
      role: workspaceRoleExpression(actor),
    })
    .from(workspaces)
    .leftJoin(
      workspaceMembers,
      and(eq(workspaceMembers.workspaceId, workspaces.id), eq(workspaceMembers.userId, actor.userId)),
    )
    .$dynamic();
}

/** Rows the actor has any role in, within their own team only. */
export function accessibleWorkspaceFilter(actor: Actor, extra?: SQL) {
  const hasRole = isTeamAdmin(actor.teamRole)
    ? or(
        sql`${workspaces.type} <> 'personal'`,
        eq(workspaces.ownerId, actor.userId),
      )
    : or(
        and(eq(workspaces.type, "personal"), eq(workspaces.ownerId, actor.userId)),
        and(sql`${workspaces.type} <> 'personal'`, sql`${workspaceMembers.userId} is not null`),
      );
  return and(eq(workspaces.teamId, actor.teamId), hasRole, extra);
}
