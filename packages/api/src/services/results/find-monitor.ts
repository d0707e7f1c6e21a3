import { and, eq } from "drizzle-orm";
import { monitors, type Executor } from "@outpost/db";
import { notFound } from "../errors";
import type { TeamScope } from "../scope";

/**
 * The monitor whose results are asked for, within the caller's team and the workspace they act
 * in: another team's or another workspace's monitor id is simply not found.
 */
export async function findResultsMonitor(db: Executor, scope: TeamScope, workspace: { id: string }, monitorId: string) {
  const [monitor] = await db
    .select({
      id: monitors.id,
      teamId: monitors.teamId,
      collectionId: monitors.collectionId,
      runnerMode: monitors.runnerMode,
    })
    .from(monitors)
    .where(and(eq(monitors.id, monitorId), eq(monitors.teamId, scope.team.id), eq(monitors.workspaceId, workspace.id)));
  if (!monitor) throw notFound("Monitor");
  return monitor;
}

export type ResultsMonitor = Awaited<ReturnType<typeof findResultsMonitor>>;
