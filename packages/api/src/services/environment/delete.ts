import { and, asc, eq } from "drizzle-orm";
import { environments, monitors, type Database } from "@outpost/db";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import { notFound, ServiceError } from "../errors";
import type { TeamScope } from "../scope";

export const DeleteEnvironmentInput = z.object({ environmentId: z.uuid() });

/**
 * Deletes an environment that no monitor uses. The foreign key would quietly null the monitors'
 * environment and their requests would then run without their variables, so it is refused instead,
 * naming the monitors.
 */
export async function deleteEnvironment(
  db: Database,
  scope: TeamScope,
  workspace: { id: string },
  input: z.output<typeof DeleteEnvironmentInput>,
) {
  await db.transaction(async (tx) => {
    const where = and(
      eq(environments.id, input.environmentId),
      eq(environments.teamId, scope.team.id),
      eq(environments.workspaceId, workspace.id),
    );
    const [environment] = await tx
      .select({ id: environments.id, name: environments.name })
      .from(environments)
      .where(where)
      .for("update");
    if (!environment) throw notFound("Environment");

    const usedBy = await tx
      .select({ name: monitors.name })
      .from(monitors)
      .where(and(eq(monitors.environmentId, environment.id), eq(monitors.teamId, scope.team.id)))
      .orderBy(asc(monitors.name));
    if (usedBy.length > 0) {
      const names = usedBy.map((m) => `"${m.name}"`).join(", ");
      const one = usedBy.length === 1;
      throw new ServiceError(
        "CONFLICT",
        `"${environment.name}" is used by ${one ? "the monitor" : `${usedBy.length} monitors:`} ${names}. Choose another environment for ${one ? "that monitor" : "those monitors"} first.`,
      );
    }
    // Its variables go with it (on delete cascade).
    await tx.delete(environments).where(where);
    await recordAudit(tx, {
      teamId: scope.team.id,
      actor: { userId: scope.actor.userId },
      action: "environment.deleted",
      targetType: "environment",
      targetId: environment.id,
      details: { workspaceId: workspace.id, name: environment.name },
    });
  });
}
