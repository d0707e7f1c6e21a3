import { and, asc, eq, ilike, sql } from "drizzle-orm";
import { runners, type Executor } from "@outpost/db";
import { z } from "zod";
import type { TeamScope } from "../scope";
import { assertRunnerSettings } from "../team/private-monitoring";
import { RUNNER_HEALTH, runnerHealthSql } from "./health";
import { selectRunners } from "./select";

export const ListRunnersInput = z
  .object({
    search: z.string().trim().max(100).optional(),
    health: z.enum(RUNNER_HEALTH).optional(),
    createdById: z.uuid().optional(),
  })
  .default({});

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Runner settings' table: every runner of the team, searched by name and filtered by health and creator. */
export async function listRunners(db: Executor, scope: TeamScope, input: z.output<typeof ListRunnersInput>) {
  assertRunnerSettings(scope.team);
  return selectRunners(
    db,
    scope.team.id,
    and(
      input.search ? ilike(runners.name, `%${escapeLike(input.search)}%`) : undefined,
      input.health ? sql`${runnerHealthSql} = ${input.health}` : undefined,
      input.createdById ? eq(runners.createdById, input.createdById) : undefined,
    ),
  ).orderBy(asc(runners.name), asc(runners.id));
}
