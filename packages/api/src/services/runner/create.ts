import { eq } from "drizzle-orm";
import { runners, type Database } from "@outpost/db";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import { ServiceError } from "../errors";
import type { TeamScope } from "../scope";
import { assertPrivateMonitoring, assertRunnerSettings } from "../team/private-monitoring";
import { RunnerDescription, RunnerName } from "./details";
import { installCommands } from "./install-command";
import { issueRunnerKey } from "./key";
import { selectRunners } from "./select";
import { resolveVisibility, RunnerVisibilityInput } from "./visibility";

export const CreateRunnerInput = z.object({
  name: RunnerName,
  description: RunnerDescription.default(""),
  /** Where the admin is: Runner settings (Enterprise) or the monitor editor (Manually Select > Add Runner). */
  source: z.enum(["runner_settings", "monitor_editor"]),
  visibility: RunnerVisibilityInput.default({ visibility: "all_internal_workspaces" }),
});
export type CreateRunnerInput = z.input<typeof CreateRunnerInput>;

/**
 * Creates a runner and returns its key — the only time the key exists outside the runner itself.
 * From the monitor editor a runner is visible in all internal workspaces; only Runner settings
 * (Enterprise) can restrict it to one.
 */
export async function createRunner(
  db: Database,
  scope: TeamScope,
  publicUrl: string,
  input: z.output<typeof CreateRunnerInput>,
) {
  if (input.source === "runner_settings") assertRunnerSettings(scope.team);
  else assertPrivateMonitoring(scope.team);
  if (input.source === "monitor_editor" && input.visibility.visibility !== "all_internal_workspaces") {
    throw new ServiceError(
      "BAD_REQUEST",
      "Runners created from the monitor editor are visible in all internal workspaces in your team.",
    );
  }

  const issued = issueRunnerKey();
  const runner = await db.transaction(async (tx) => {
    const visibility = await resolveVisibility(tx, scope.team.id, input.visibility);
    const [row] = await tx
      .insert(runners)
      .values({
        teamId: scope.team.id,
        name: input.name,
        description: input.description,
        keyHash: issued.hash,
        keyLast4: issued.last4,
        createdById: scope.actor.userId,
        ...visibility,
      })
      .returning({ id: runners.id });
    await recordAudit(tx, {
      teamId: scope.team.id,
      actor: { userId: scope.actor.userId },
      action: "runner.created",
      targetType: "runner",
      targetId: row!.id,
      details: { name: input.name, description: input.description, source: input.source, ...visibility },
    });
    const [summary] = await selectRunners(tx, scope.team.id, eq(runners.id, row!.id));
    return summary!;
  });

  return { runner, key: issued.key, commands: installCommands(publicUrl, runner.id, issued.key) };
}
