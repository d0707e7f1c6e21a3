import "server-only";
import { notFound } from "next/navigation";
import { z } from "zod";
import { MIN_INTERVAL_MINUTES } from "@outpost/api";
import { serverCaller } from "~/trpc/server";
import type { MonitorFormContext } from "./monitor-values";

/** What the monitor editor needs to know about where it is, resolved on the server. */
export async function editorContext(workspaceId: string): Promise<MonitorFormContext & { canEdit: boolean; workspaceName: string }> {
  if (!z.uuid().safeParse(workspaceId).success) notFound();
  const caller = await serverCaller();
  const [team, workspace] = await Promise.all([
    caller.team.current(),
    caller.workspace.get({ workspaceId }).catch(() => null),
  ]);
  if (!workspace) notFound();
  return {
    workspace: { id: workspace.id, type: workspace.type },
    workspaceName: workspace.name,
    canEdit: workspace.role !== "viewer",
    minimumMinutes: MIN_INTERVAL_MINUTES[team.plan],
    privateMonitoring: team.privateMonitoring === "available",
    isTeamAdmin: team.role === "admin" || team.role === "super_admin",
  };
}
