import { and, asc, eq } from "drizzle-orm";
import { teamMembers, users, workspaceMembers, workspaces, type Executor } from "@outpost/db";
import type { TeamScope } from "../scope";

/** The people given a role in this workspace (team admins also administer every shared workspace). */
export function listWorkspaceMembers(db: Executor, scope: TeamScope, workspace: { id: string }) {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: workspaceMembers.role, teamRole: teamMembers.role })
    .from(workspaceMembers)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .innerJoin(teamMembers, and(eq(teamMembers.userId, users.id), eq(teamMembers.teamId, workspaces.teamId)))
    .where(and(eq(workspaces.id, workspace.id), eq(workspaces.teamId, scope.team.id)))
    .orderBy(asc(users.name), asc(users.id));
}
