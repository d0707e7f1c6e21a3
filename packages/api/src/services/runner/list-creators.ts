import { asc, eq } from "drizzle-orm";
import { runners, users, type Executor } from "@outpost/db";
import type { TeamScope } from "../scope";
import { assertRunnerSettings } from "../team/private-monitoring";

/** The people who created the team's runners, for the creator filter. */
export async function listRunnerCreators(db: Executor, scope: TeamScope) {
  assertRunnerSettings(scope.team);
  return db
    .selectDistinct({ id: users.id, name: users.name })
    .from(runners)
    .innerJoin(users, eq(users.id, runners.createdById))
    .where(eq(runners.teamId, scope.team.id))
    .orderBy(asc(users.name), asc(users.id));
}
