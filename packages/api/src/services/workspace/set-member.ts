import { and, eq } from "drizzle-orm";
import { teamMembers, workspaceMembers, type Database } from "@outpost/db";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import { notFound, ServiceError } from "../errors";
import type { TeamScope } from "../scope";

export const SetWorkspaceMemberInput = z.object({ userId: z.uuid(), role: z.enum(["admin", "editor", "viewer"]) });
export const RemoveWorkspaceMemberInput = z.object({ userId: z.uuid() });

type Workspace = { id: string; type: "internal" | "personal" | "public" };

function assertShared(workspace: Workspace) {
  if (workspace.type === "personal") {
    throw new ServiceError("BAD_REQUEST", "A personal workspace has only its owner. Create an internal workspace to work together.");
  }
}

/** Gives a member of the team a role in the workspace, or changes it. */
export async function setWorkspaceMember(
  db: Database,
  scope: TeamScope,
  workspace: Workspace,
  input: z.output<typeof SetWorkspaceMemberInput>,
) {
  assertShared(workspace);
  await db.transaction(async (tx) => {
    const [member] = await tx
      .select({ userId: teamMembers.userId })
      .from(teamMembers)
      .where(and(eq(teamMembers.teamId, scope.team.id), eq(teamMembers.userId, input.userId)));
    if (!member) throw notFound("Team member");
    await tx
      .insert(workspaceMembers)
      .values({ workspaceId: workspace.id, userId: input.userId, role: input.role })
      .onConflictDoUpdate({ target: [workspaceMembers.workspaceId, workspaceMembers.userId], set: { role: input.role } });
    await recordAudit(tx, {
      teamId: scope.team.id,
      actor: { userId: scope.actor.userId },
      action: "workspace.member_set",
      targetType: "workspace",
      targetId: workspace.id,
      details: { userId: input.userId, role: input.role },
    });
  });
}

export async function removeWorkspaceMember(
  db: Database,
  scope: TeamScope,
  workspace: Workspace,
  input: z.output<typeof RemoveWorkspaceMemberInput>,
) {
  assertShared(workspace);
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(workspaceMembers)
      .where(and(eq(workspaceMembers.workspaceId, workspace.id), eq(workspaceMembers.userId, input.userId)))
      .returning({ userId: workspaceMembers.userId });
    if (removed.length === 0) throw notFound("Workspace member");
    await recordAudit(tx, {
      teamId: scope.team.id,
      actor: { userId: scope.actor.userId },
      action: "workspace.member_removed",
      targetType: "workspace",
      targetId: workspace.id,
      details: { userId: input.userId },
    });
  });
}
