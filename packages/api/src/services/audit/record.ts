import { auditEvents, type Executor } from "@outpost/db";

export type AuditActor = { userId: string } | { label: string };

export type AuditEntry = {
  teamId: string | null;
  actor: AuditActor;
  action: string;
  targetType: string;
  targetId?: string;
  /** What changed. Never a secret: callers pass names and ids, not keys or passwords. */
  details?: Record<string, unknown>;
};

/** Records who changed what, inside the caller's transaction so it lands with the change or not at all. */
export async function recordAudit(db: Executor, entry: AuditEntry) {
  await db.insert(auditEvents).values({
    teamId: entry.teamId,
    actorUserId: "userId" in entry.actor ? entry.actor.userId : null,
    actorLabel: "userId" in entry.actor ? "user" : entry.actor.label,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    details: entry.details ?? {},
  });
}
