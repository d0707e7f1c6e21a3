import { and, eq } from "drizzle-orm";
import { monitors, type Database } from "@outpost/db";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import { notFound } from "../errors";
import type { TeamScope } from "../scope";
import { nextRunAt } from "./schedule";

export const SetPausedInput = z.object({ monitorId: z.uuid(), paused: z.boolean() });

/** Pause or Resume. Resuming schedules the next run from now, so no missed runs pile up. */
export async function setMonitorPaused(
  db: Database,
  scope: TeamScope,
  workspace: { id: string },
  input: z.output<typeof SetPausedInput>,
) {
  return db.transaction(async (tx) => {
    const where = and(eq(monitors.id, input.monitorId), eq(monitors.teamId, scope.team.id), eq(monitors.workspaceId, workspace.id));
    const [monitor] = await tx.select().from(monitors).where(where).for("update");
    if (!monitor) throw notFound("Monitor");
    if (monitor.paused === input.paused) return { id: monitor.id, paused: monitor.paused };
    await tx
      .update(monitors)
      .set({
        paused: input.paused,
        pausedReason: null,
        nextRunAt: input.paused ? monitor.nextRunAt : nextRunAt(monitor.schedule, monitor.timezone, new Date()),
      })
      .where(where);
    await recordAudit(tx, {
      teamId: scope.team.id,
      actor: { userId: scope.actor.userId },
      action: input.paused ? "monitor.paused" : "monitor.resumed",
      targetType: "monitor",
      targetId: monitor.id,
      details: { name: monitor.name },
    });
    return { id: monitor.id, paused: input.paused };
  });
}
