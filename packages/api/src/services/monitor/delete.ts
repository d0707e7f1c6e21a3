import { and, eq } from "drizzle-orm";
import { monitors, type Database } from "@outpost/db";
import type { z } from "zod";
import { recordAudit } from "../audit/record";
import { notFound } from "../errors";
import type { TeamScope } from "../scope";
import type { MonitorIdInput } from "./get";

/** Deletes a monitor with its runs and results; the audit event keeps its name. */
export async function deleteMonitor(db: Database, scope: TeamScope, workspace: { id: string }, input: z.output<typeof MonitorIdInput>) {
  await db.transaction(async (tx) => {
    const [deleted] = await tx
      .delete(monitors)
      .where(and(eq(monitors.id, input.monitorId), eq(monitors.teamId, scope.team.id), eq(monitors.workspaceId, workspace.id)))
      .returning({ id: monitors.id, name: monitors.name });
    if (!deleted) throw notFound("Monitor");
    await recordAudit(tx, {
      teamId: scope.team.id,
      actor: { userId: scope.actor.userId },
      action: "monitor.deleted",
      targetType: "monitor",
      targetId: deleted.id,
      details: { name: deleted.name },
    });
  });
}
