import { and, desc, eq } from "drizzle-orm";
import { auditEvents, monitors, users, type Executor } from "@outpost/db";
import type { z } from "zod";
import { notFound } from "../errors";
import type { TeamScope } from "../scope";
import type { MonitorIdInput } from "./get";

/** The monitor's activity log: who changed what, newest first. */
export async function listMonitorActivity(
  db: Executor,
  scope: TeamScope,
  workspace: { id: string },
  input: z.output<typeof MonitorIdInput>,
) {
  const [monitor] = await db
    .select({ id: monitors.id })
    .from(monitors)
    .where(and(eq(monitors.id, input.monitorId), eq(monitors.teamId, scope.team.id), eq(monitors.workspaceId, workspace.id)));
  if (!monitor) throw notFound("Monitor");
  return db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      details: auditEvents.details,
      createdAt: auditEvents.createdAt,
      actorName: users.name,
      actorLabel: auditEvents.actorLabel,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(eq(auditEvents.teamId, scope.team.id), eq(auditEvents.targetType, "monitor"), eq(auditEvents.targetId, monitor.id)))
    .orderBy(desc(auditEvents.createdAt))
    .limit(100);
}
