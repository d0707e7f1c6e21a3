import { and, asc, eq } from "drizzle-orm";
import { monitorRunners, monitors, runners, type Database } from "@outpost/db";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import { notFound, ServiceError } from "../errors";
import type { TeamScope } from "../scope";
import { assertPrivateMonitoring } from "../team/private-monitoring";

export const DeleteRunnerInput = z.object({ runnerId: z.uuid() });

/**
 * Deletes a runner that no monitor uses. A runner that monitors still select is refused, naming
 * them, so monitors never silently lose the place they run.
 */
export async function deleteRunner(db: Database, scope: TeamScope, input: z.output<typeof DeleteRunnerInput>) {
  assertPrivateMonitoring(scope.team);
  await db.transaction(async (tx) => {
    const where = and(eq(runners.id, input.runnerId), eq(runners.teamId, scope.team.id));
    const [runner] = await tx.select({ id: runners.id, name: runners.name }).from(runners).where(where).for("update");
    if (!runner) throw notFound("Runner");

    const usedBy = await tx
      .select({ name: monitors.name })
      .from(monitorRunners)
      .innerJoin(monitors, eq(monitors.id, monitorRunners.monitorId))
      .where(and(eq(monitorRunners.runnerId, runner.id), eq(monitors.teamId, scope.team.id)))
      .orderBy(asc(monitors.name));
    if (usedBy.length > 0) {
      const names = usedBy.map((m) => `"${m.name}"`).join(", ");
      throw new ServiceError(
        "CONFLICT",
        `"${runner.name}" is used by ${usedBy.length === 1 ? "the monitor" : `${usedBy.length} monitors:`} ${names}. Remove it from ${usedBy.length === 1 ? "that monitor" : "those monitors"} first.`,
      );
    }
    await tx.delete(runners).where(where);
    await recordAudit(tx, {
      teamId: scope.team.id,
      actor: { userId: scope.actor.userId },
      action: "runner.deleted",
      targetType: "runner",
      targetId: runner.id,
      details: { name: runner.name },
    });
  });
}
