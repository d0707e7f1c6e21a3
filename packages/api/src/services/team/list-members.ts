import { asc, eq } from "drizzle-orm";
import { teamMembers, users, type Executor } from "@outpost/db";
import type { TeamScope } from "../scope";

/** The members of the caller's team, for pickers such as "Add member" in a workspace. */
export function listTeamMembers(db: Executor, scope: TeamScope) {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: teamMembers.role })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(eq(teamMembers.teamId, scope.team.id))
    .orderBy(asc(users.name), asc(users.id));
}
