import { and, eq } from "drizzle-orm";
import { monitorRunners, monitors, type Database } from "@outpost/db";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import { notFound } from "../errors";
import type { TeamScope } from "../scope";
import type { SecretCipher } from "../secrets/cipher";
import { MonitorFields } from "./input";
import { toStoredNotifications } from "./notifications";
import { nextRunAt } from "./schedule";
import { checkMonitorFields } from "./validate";

/** JSON equality regardless of key order (jsonb stores keys in its own order). */
function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): unknown =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => x.localeCompare(y)).map(([k, v]) => [k, canonical(v)]))
      : Array.isArray(value)
        ? value.map(canonical)
        : value;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

export const UpdateMonitorInput = MonitorFields.extend({ monitorId: z.uuid() });

type Workspace = { id: string; type: "internal" | "personal" | "public" };

/** Saves the editor's fields; a changed schedule or time zone recomputes the next run. */
export async function updateMonitor(
  db: Database,
  secrets: SecretCipher,
  scope: TeamScope,
  workspace: Workspace,
  input: z.output<typeof UpdateMonitorInput>,
) {
  const { monitorId, ...fields } = input;
  return db.transaction(async (tx) => {
    const where = and(eq(monitors.id, monitorId), eq(monitors.teamId, scope.team.id), eq(monitors.workspaceId, workspace.id));
    const [before] = await tx.select().from(monitors).where(where).for("update");
    if (!before) throw notFound("Monitor");
    const runnerIds = await checkMonitorFields(tx, scope, workspace, fields);
    const previousRunners = await tx
      .select({ runnerId: monitorRunners.runnerId })
      .from(monitorRunners)
      .where(eq(monitorRunners.monitorId, monitorId));

    const scheduleChanged = !sameJson(before.schedule, fields.schedule) || before.timezone !== fields.timezone;
    const next = {
      name: fields.name,
      collectionId: fields.collectionId,
      environmentId: fields.environmentId,
      schedule: fields.schedule,
      timezone: fields.timezone,
      runnerMode: fields.runners.mode,
      options: fields.options,
      notifications: toStoredNotifications(secrets, fields.notifications, before.notifications),
    };
    const changed: string[] = (Object.keys(next) as Array<keyof typeof next>).filter(
      (field) => !sameJson(next[field], before[field]),
    );
    const runnersBefore = previousRunners.map((r) => r.runnerId).sort();
    if (!sameJson(runnersBefore, [...runnerIds].sort())) changed.push("runners");

    await tx
      .update(monitors)
      .set({ ...next, ...(scheduleChanged ? { nextRunAt: nextRunAt({ id: monitorId, ...fields }, new Date()) } : {}) })
      .where(where);
    await tx.delete(monitorRunners).where(eq(monitorRunners.monitorId, monitorId));
    if (runnerIds.length > 0) {
      await tx.insert(monitorRunners).values(runnerIds.map((runnerId) => ({ monitorId, runnerId })));
    }
    if (changed.length > 0) {
      await recordAudit(tx, {
        teamId: scope.team.id,
        actor: { userId: scope.actor.userId },
        action: "monitor.updated",
        targetType: "monitor",
        targetId: monitorId,
        details: { changed },
      });
    }
    return { id: monitorId };
  });
}
