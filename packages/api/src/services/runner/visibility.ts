import { and, eq } from "drizzle-orm";
import { workspaces, type Executor } from "@outpost/db";
import { z } from "zod";
import { notFound, ServiceError } from "../errors";

export const RunnerVisibilityInput = z.discriminatedUnion("visibility", [
  z.object({ visibility: z.literal("all_internal_workspaces") }),
  z.object({ visibility: z.literal("selected_workspace"), workspaceId: z.uuid("Select a workspace.") }),
]);
export type RunnerVisibilityInput = z.infer<typeof RunnerVisibilityInput>;

/** The columns a visibility choice stores, after checking a selected workspace is the team's and internal. */
export async function resolveVisibility(db: Executor, teamId: string, input: RunnerVisibilityInput) {
  if (input.visibility === "all_internal_workspaces") {
    return { visibility: input.visibility, workspaceId: null };
  }
  const [workspace] = await db
    .select({ type: workspaces.type })
    .from(workspaces)
    .where(and(eq(workspaces.id, input.workspaceId), eq(workspaces.teamId, teamId)));
  if (!workspace) throw notFound("Workspace");
  if (workspace.type !== "internal") {
    throw new ServiceError("BAD_REQUEST", "Runners are only supported in internal workspaces.");
  }
  return { visibility: input.visibility, workspaceId: input.workspaceId };
}
