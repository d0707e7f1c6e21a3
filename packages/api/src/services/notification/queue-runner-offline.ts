import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { TEAM_ADMIN_ROLES } from "@outpost/auth";
import { notificationOutbox, runners, teamMembers, teams, users, type Database } from "@outpost/db";
import { HEALTHY_WITHIN_SECONDS } from "../runner/health";

/**
 * Tells a team's admins, once, that a runner turned Unhealthy: one email for the runner, not one
 * per monitor on it. It is told again only after a sign of life since the last notice (a ping or
 * result makes the runner Healthy). One UPDATE decides, so two console processes never both do.
 */
export async function queueRunnerOfflineNotifications(db: Database) {
  return db.transaction(async (tx) => {
    const offline = await tx
      .update(runners)
      .set({ offlineNotifiedAt: sql`now()`, updatedAt: sql`${runners.updatedAt}` })
      .where(
        and(
          lt(runners.lastSeenAt, sql`now() - make_interval(secs => ${HEALTHY_WITHIN_SECONDS})`),
          or(isNull(runners.offlineNotifiedAt), lt(runners.offlineNotifiedAt, runners.lastSeenAt)),
        ),
      )
      .returning({ id: runners.id, teamId: runners.teamId, name: runners.name, lastSeenAt: runners.lastSeenAt });
    if (offline.length === 0) return [];

    const teamIds = [...new Set(offline.map((runner) => runner.teamId))];
    const admins = await tx
      .select({ teamId: teamMembers.teamId, email: users.email, plan: teams.plan })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .innerJoin(teams, eq(teams.id, teamMembers.teamId))
      .where(and(inArray(teamMembers.teamId, teamIds), inArray(teamMembers.role, [...TEAM_ADMIN_ROLES])));

    const rows = offline.flatMap((runner) => {
      const teamAdmins = admins.filter((admin) => admin.teamId === runner.teamId);
      if (teamAdmins.length === 0) return [];
      return [
        {
          teamId: runner.teamId,
          runnerId: runner.id,
          kind: "runner_offline" as const,
          channel: "email" as const,
          recipients: teamAdmins.map((admin) => admin.email),
          payload: {
            kind: "runner_offline" as const,
            runner: { id: runner.id, name: runner.name },
            runnerPage: teamAdmins[0]!.plan === "enterprise",
            lastSeenAt: runner.lastSeenAt!.toISOString(),
            healthyWithinSeconds: HEALTHY_WITHIN_SECONDS,
          },
        },
      ];
    });
    if (rows.length > 0) await tx.insert(notificationOutbox).values(rows);
    return offline.map((runner) => runner.id);
  });
}
