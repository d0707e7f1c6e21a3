import { and, asc, eq } from "drizzle-orm";
import { teamMembers, teams, type Executor } from "@outpost/db";

export type Membership = {
  team: Pick<typeof teams.$inferSelect, "id" | "slug" | "name" | "plan" | "privateMonitoringEnabled" | "overageAllowed">;
  role: (typeof teamMembers.$inferSelect)["role"];
};

/**
 * The team the user acts in: the one they asked for if they belong to it, else their first team.
 * Membership is read from the database on every request, so a removed member loses access at once.
 */
export async function findMembership(
  db: Executor,
  userId: string,
  preferredTeamId?: string,
): Promise<Membership | null> {
  const rows = await db
    .select({
      team: {
        id: teams.id,
        slug: teams.slug,
        name: teams.name,
        plan: teams.plan,
        privateMonitoringEnabled: teams.privateMonitoringEnabled,
        overageAllowed: teams.overageAllowed,
      },
      role: teamMembers.role,
    })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(
      preferredTeamId
        ? and(eq(teamMembers.userId, userId), eq(teamMembers.teamId, preferredTeamId))
        : eq(teamMembers.userId, userId),
    )
    .orderBy(asc(teamMembers.createdAt))
    .limit(1);
  if (rows[0] || !preferredTeamId) return rows[0] ?? null;
  return findMembership(db, userId);
}
