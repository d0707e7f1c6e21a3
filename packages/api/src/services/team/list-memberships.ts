import { asc, eq } from "drizzle-orm";
import { teamMembers, teams, type Executor } from "@outpost/db";

/** Every team the user belongs to, for the team switcher. */
export function listMemberships(db: Executor, userId: string) {
  return db
    .select({ id: teams.id, name: teams.name, slug: teams.slug, role: teamMembers.role })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(eq(teamMembers.userId, userId))
    .orderBy(asc(teamMembers.createdAt));
}
