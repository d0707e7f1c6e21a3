import { and, eq } from "drizzle-orm";
import { monitors, type Database } from "@outpost/db";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import { notFound } from "../errors";
import type { TeamScope } from "../scope";
import { assertWithinQuota } from "../usage/assert-within-quota";
import { nextRunAt } from "./schedule";

export const SetPausedInput = z.object({ monitorId: z.uuid(), paused: z.boolean() });

/**
 * Pause or Resume. Resuming schedules the next run from now, so no missed runs pile up, and is
 * refused while the team's quota is used up. Pausing a monitor the quota paused makes it the
 * user's pause: it no longer resumes by itself.
 */
export async function setMonitorPaused(
  db: Database,
  scope: TeamScope,
  workspace: { id: string },
  input: z.output<typeof SetPausedInput>,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const where = and(eq(monitors.id, input.monitorId), eq(monitors.teamId, scope.team.id), eq(monitors.workspaceId, workspace.id));
    const [monitor] = await tx.select().from(monitors).where(where).for("update");
    if (!monitor) throw notFound("Monitor");
    const heldByQuota = monitor.quotaPausedAt !== null;
    if (monitor.paused === input.paused && !(input.paused && heldByQuota)) return { id: monitor.id, paused: monitor.paused };
    if (!input.paused) await assertWithinQuota(tx, scope.team.id, now);
    await tx
      .update(monitors)
      .set({
        paused: input.paused,
        pausedReason: null,
        quotaPausedAt: null,
        nextRunAt: input.paused ? monitor.nextRunAt : nextRunAt(monitor, now),
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
