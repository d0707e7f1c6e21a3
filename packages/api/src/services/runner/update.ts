import { and, eq } from "drizzle-orm";
import { runners, type Database } from "@outpost/db";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import { notFound } from "../errors";
import type { TeamScope } from "../scope";
import { assertPrivateMonitoring, assertRunnerSettings } from "../team/private-monitoring";
import { RunnerDescription, RunnerName } from "./details";
import { selectRunners } from "./select";
import { resolveVisibility, RunnerVisibilityInput } from "./visibility";

export const UpdateRunnerInput = z.object({
  runnerId: z.uuid(),
  name: RunnerName.optional(),
  description: RunnerDescription.optional(),
  visibility: RunnerVisibilityInput.optional(),
});

/** Renames, re-describes or re-scopes a runner. Changing visibility is a Runner settings (Enterprise) action. */
export async function updateRunner(db: Database, scope: TeamScope, input: z.output<typeof UpdateRunnerInput>) {
  assertPrivateMonitoring(scope.team);
  if (input.visibility) assertRunnerSettings(scope.team);

  return db.transaction(async (tx) => {
    const where = and(eq(runners.id, input.runnerId), eq(runners.teamId, scope.team.id));
    const [before] = await tx.select().from(runners).where(where).for("update");
    if (!before) throw notFound("Runner");

    const next = {
      name: input.name ?? before.name,
      description: input.description ?? before.description,
      ...(input.visibility
        ? await resolveVisibility(tx, scope.team.id, input.visibility)
        : { visibility: before.visibility, workspaceId: before.workspaceId }),
    };
    const changes = Object.fromEntries(
      (Object.keys(next) as Array<keyof typeof next>)
        .filter((field) => next[field] !== before[field])
        .map((field) => [field, { from: before[field], to: next[field] }]),
    );
    if (Object.keys(changes).length > 0) {
      await tx.update(runners).set(next).where(where);
      await recordAudit(tx, {
        teamId: scope.team.id,
        actor: { userId: scope.actor.userId },
        action: "runner.updated",
        targetType: "runner",
        targetId: before.id,
        details: { changes },
      });
    }
    const [runner] = await selectRunners(tx, scope.team.id, eq(runners.id, before.id));
    return runner!;
  });
}
