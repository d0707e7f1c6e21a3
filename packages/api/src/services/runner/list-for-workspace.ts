import { asc, eq, or } from "drizzle-orm";
import { runners, type Executor } from "@outpost/db";
import type { TeamScope } from "../scope";
import { privateMonitoringState } from "../team/private-monitoring";
import { selectRunners } from "./select";

/**
 * The runners a monitor in this workspace may pick: the team's runners visible in all internal
 * workspaces, and those restricted to this one. Other workspace types have none.
 */
export async function listRunnersForWorkspace(
  db: Executor,
  scope: TeamScope,
  workspace: { id: string; type: "internal" | "personal" | "public" },
) {
  if (workspace.type !== "internal" || privateMonitoringState(scope.team) !== "available") return [];
  const rows = await selectRunners(
    db,
    scope.team.id,
    or(eq(runners.visibility, "all_internal_workspaces"), eq(runners.workspaceId, workspace.id)),
  ).orderBy(asc(runners.name), asc(runners.id));
  return rows.map(({ id, name, description, health, lastSeenAt }) => ({ id, name, description, health, lastSeenAt }));
}
