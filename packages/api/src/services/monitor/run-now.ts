import { and, eq } from "drizzle-orm";
import { monitorRunners, monitors, runs, type Database } from "@outpost/db";
import type { z } from "zod";
import { recordAudit } from "../audit/record";
import { notFound, ServiceError } from "../errors";
import type { TeamScope } from "../scope";
import { assertPrivateMonitoring } from "../team/private-monitoring";
import { announceQueued } from "../dispatch/run-events";
import { assertWithinQuota } from "../usage/assert-within-quota";
import type { MonitorIdInput } from "./get";

/**
 * Queues a manual run on each runner the monitor uses (or the hosted runner). A runner that
 * already has a run of this monitor in flight is skipped: runs of one monitor never overlap there.
 * A team whose quota is used up (and stops there) is told so instead.
 */
export async function runMonitorNow(
  db: Database,
  scope: TeamScope,
  workspace: { id: string },
  input: z.output<typeof MonitorIdInput>,
  now = new Date(),
) {
  const queued = await db.transaction(async (tx) => {
    const [monitor] = await tx
      .select({ id: monitors.id, name: monitors.name, runnerMode: monitors.runnerMode })
      .from(monitors)
      .where(and(eq(monitors.id, input.monitorId), eq(monitors.teamId, scope.team.id), eq(monitors.workspaceId, workspace.id)));
    if (!monitor) throw notFound("Monitor");
    await assertWithinQuota(tx, scope.team.id, now);

    let targets: Array<string | null> = [null];
    if (monitor.runnerMode === "manual") {
      assertPrivateMonitoring(scope.team);
      const selected = await tx
        .select({ runnerId: monitorRunners.runnerId })
        .from(monitorRunners)
        .where(eq(monitorRunners.monitorId, monitor.id));
      targets = selected.map((s) => s.runnerId);
    }
    const queued = await tx
      .insert(runs)
      .values(
        targets.map((runnerId) => ({
          teamId: scope.team.id,
          monitorId: monitor.id,
          runnerId,
          type: "manual" as const,
          scheduledFor: now,
          triggeredById: scope.actor.userId,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: runs.id, runnerId: runs.runnerId });
    if (queued.length === 0) {
      throw new ServiceError("CONFLICT", `"${monitor.name}" already has a run queued or in progress.`);
    }
    await recordAudit(tx, {
      teamId: scope.team.id,
      actor: { userId: scope.actor.userId },
      action: "monitor.run_requested",
      targetType: "monitor",
      targetId: monitor.id,
      details: { runs: queued.length },
    });
    return queued;
  });
  // After the commit, so a woken claim finds the run.
  announceQueued(queued.map((r) => r.runnerId));
  return { runIds: queued.map((r) => r.id) };
}
