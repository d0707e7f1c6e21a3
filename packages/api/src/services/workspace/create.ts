import { and, eq } from "drizzle-orm";
import { workspaceMembers, workspaces, type Database } from "@outpost/db";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import { forbidden, ServiceError } from "../errors";
import type { TeamScope } from "../scope";

export const CreateWorkspaceInput = z.object({
  name: z.string().trim().min(1, "Give the workspace a name.").max(100, "The name can be at most 100 characters."),
  type: z.enum(["internal", "personal", "public"]),
});

/**
 * Any team member but a billing user creates workspaces; the creator is its admin (the owner, for
 * a personal workspace). Names are unique within the team.
 */
export async function createWorkspace(db: Database, scope: TeamScope, input: z.output<typeof CreateWorkspaceInput>) {
  if (scope.actor.teamRole === "billing") throw forbidden("Billing users can't create workspaces.");
  return db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(and(eq(workspaces.teamId, scope.team.id), eq(workspaces.name, input.name)));
    if (taken) throw new ServiceError("CONFLICT", `A workspace named "${input.name}" already exists in your team.`);
    const [workspace] = await tx
      .insert(workspaces)
      .values({
        teamId: scope.team.id,
        name: input.name,
        type: input.type,
        ownerId: input.type === "personal" ? scope.actor.userId : null,
      })
      .returning({ id: workspaces.id, name: workspaces.name, type: workspaces.type });
    await tx.insert(workspaceMembers).values({ workspaceId: workspace!.id, userId: scope.actor.userId, role: "admin" });
    await recordAudit(tx, {
      teamId: scope.team.id,
      actor: { userId: scope.actor.userId },
      action: "workspace.created",
      targetType: "workspace",
      targetId: workspace!.id,
      details: { name: input.name, type: input.type },
    });
    return workspace!;
  });
}
