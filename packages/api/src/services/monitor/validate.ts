import { and, eq, inArray, or } from "drizzle-orm";
import { collections, environments, runners, type Executor } from "@outpost/db";
import { notFound, ServiceError } from "../errors";
import type { TeamScope } from "../scope";
import { assertPrivateMonitoring } from "../team/private-monitoring";
import type { MonitorFields, RunnerChoice } from "./input";
import { MIN_INTERVAL_MINUTES } from "./schedule";

type Workspace = { id: string; type: "internal" | "personal" | "public" };

/**
 * A manual runner choice is only valid in an internal workspace, on a plan with private monitoring,
 * and only with runners of this team that are visible in this workspace.
 */
export async function checkRunnerChoice(db: Executor, scope: TeamScope, workspace: Workspace, choice: RunnerChoice) {
  if (choice.mode === "auto") return [];
  if (workspace.type !== "internal") {
    throw new ServiceError("BAD_REQUEST", "Runners are only supported in internal workspaces.");
  }
  assertPrivateMonitoring(scope.team);
  const ids = [...new Set(choice.runnerIds)];
  const visible = await db
    .select({ id: runners.id })
    .from(runners)
    .where(
      and(
        eq(runners.teamId, scope.team.id),
        inArray(runners.id, ids),
        or(eq(runners.visibility, "all_internal_workspaces"), eq(runners.workspaceId, workspace.id)),
      ),
    );
  if (visible.length !== ids.length) {
    throw new ServiceError("BAD_REQUEST", "One or more selected runners are not available in this workspace.");
  }
  return ids;
}

/** The collection and environment must be this workspace's; the schedule within the plan's limit. */
export async function checkMonitorFields(db: Executor, scope: TeamScope, workspace: Workspace, fields: MonitorFields) {
  const inWorkspace = (table: typeof collections | typeof environments, id: string) =>
    db
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.id, id), eq(table.teamId, scope.team.id), eq(table.workspaceId, workspace.id)));
  if ((await inWorkspace(collections, fields.collectionId)).length === 0) throw notFound("Collection");
  if (fields.environmentId && (await inWorkspace(environments, fields.environmentId)).length === 0) {
    throw notFound("Environment");
  }
  const minimum = MIN_INTERVAL_MINUTES[scope.team.plan];
  if (fields.schedule.kind === "interval" && fields.schedule.minutes < minimum) {
    throw new ServiceError("BAD_REQUEST", `Your plan runs monitors at most every ${minimum} minute${minimum === 1 ? "" : "s"}.`);
  }
  return checkRunnerChoice(db, scope, workspace, fields.runners);
}
