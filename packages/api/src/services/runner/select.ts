import { and, eq, type SQL } from "drizzle-orm";
import { runners, users, workspaces, type Executor } from "@outpost/db";
import { runnerHealthSql } from "./health";

/** What the console shows of a runner. The key hash never leaves the database. */
export function selectRunners(db: Executor, teamId: string, where?: SQL) {
  return db
    .select({
      id: runners.id,
      name: runners.name,
      description: runners.description,
      visibility: runners.visibility,
      workspaceId: runners.workspaceId,
      workspaceName: workspaces.name,
      keyLast4: runners.keyLast4,
      health: runnerHealthSql,
      lastSeenAt: runners.lastSeenAt,
      createdAt: runners.createdAt,
      updatedAt: runners.updatedAt,
      createdById: runners.createdById,
      createdByName: users.name,
    })
    .from(runners)
    .leftJoin(workspaces, eq(workspaces.id, runners.workspaceId))
    .leftJoin(users, eq(users.id, runners.createdById))
    .where(and(eq(runners.teamId, teamId), where))
    .$dynamic();
}

export type RunnerSummary = Awaited<ReturnType<typeof selectRunners>>[number];
