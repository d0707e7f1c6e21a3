import { randomUUID } from "node:crypto";
import { monitorRunners, monitors, type Database } from "@outpost/db";
import { recordAudit } from "../audit/record";
import type { TeamScope } from "../scope";
import type { SecretCipher } from "../secrets/cipher";
import { MonitorFields } from "./input";
import { toStoredNotifications } from "./notifications";
import { nextRunAt } from "./schedule";
import { checkMonitorFields } from "./validate";

export const CreateMonitorInput = MonitorFields;

type Workspace = { id: string; type: "internal" | "personal" | "public" };

export async function createMonitor(db: Database, secrets: SecretCipher, scope: TeamScope, workspace: Workspace, fields: MonitorFields) {
  return db.transaction(async (tx) => {
    const runnerIds = await checkMonitorFields(tx, scope, workspace, fields);
    // Made here: the id decides the monitor's second of its scheduled minutes.
    const id = randomUUID();
    const [monitor] = await tx
      .insert(monitors)
      .values({
        id,
        teamId: scope.team.id,
        workspaceId: workspace.id,
        name: fields.name,
        collectionId: fields.collectionId,
        environmentId: fields.environmentId,
        schedule: fields.schedule,
        timezone: fields.timezone,
        runnerMode: fields.runners.mode,
        options: fields.options,
        notifications: toStoredNotifications(secrets, fields.notifications),
        nextRunAt: nextRunAt({ id, ...fields }, new Date()),
        createdById: scope.actor.userId,
      })
      .returning({ id: monitors.id, nextRunAt: monitors.nextRunAt });
    if (runnerIds.length > 0) {
      await tx.insert(monitorRunners).values(runnerIds.map((runnerId) => ({ monitorId: monitor!.id, runnerId })));
    }
    await recordAudit(tx, {
      teamId: scope.team.id,
      actor: { userId: scope.actor.userId },
      action: "monitor.created",
      targetType: "monitor",
      targetId: monitor!.id,
      details: { name: fields.name, schedule: fields.schedule, runners: fields.runners },
    });
    return monitor!;
  });
}
