import { eq } from "drizzle-orm";
import { workspaces, type Executor, type WorkspaceRole } from "@outpost/db";
import { workspaceRoleAtLeast } from "@outpost/auth";
import { forbidden, notFound } from "../errors";
import { accessibleWorkspaceFilter, accessibleWorkspaces, type Actor } from "./access";

/**
 * The workspace and the actor's role in it, or NOT_FOUND when it is not the actor's to see (another
 * team's workspace and a workspace of one's own team without access look the same from outside).
 */
export async function getWorkspaceAccess(
  db: Executor,
  actor: Actor,
  workspaceId: string,
  required: WorkspaceRole = "viewer",
) {
  const [workspace] = await accessibleWorkspaces(db, actor).where(
    accessibleWorkspaceFilter(actor, eq(workspaces.id, workspaceId)),
  );
  if (!workspace?.role) throw notFound("Workspace");
  if (!workspaceRoleAtLeast(workspace.role, required)) {
    throw forbidden(`This needs the ${required} role in workspace "${workspace.name}".`);
  }
  return { ...workspace, role: workspace.role };
}
