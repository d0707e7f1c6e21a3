import { environments, type Database } from "@outpost/db";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import type { TeamScope } from "../scope";
import type { SecretCipher } from "../secrets/cipher";
import { EnvironmentName, EnvironmentVariablesInput } from "./details";
import { getEnvironment } from "./get";
import { insertVariables, toStoredVariables } from "./store-variables";

export const CreateEnvironmentInput = z.object({
  name: EnvironmentName,
  variables: EnvironmentVariablesInput.default([]),
});
export type CreateEnvironmentInput = z.input<typeof CreateEnvironmentInput>;

/** Creates an environment in a workspace of the caller's team; secret values are stored encrypted. */
export async function createEnvironment(
  db: Database,
  secrets: SecretCipher,
  scope: TeamScope,
  workspace: { id: string },
  input: z.output<typeof CreateEnvironmentInput>,
) {
  const rows = toStoredVariables(secrets, input.variables);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(environments)
      .values({ teamId: scope.team.id, workspaceId: workspace.id, name: input.name })
      .returning({ id: environments.id });
    await insertVariables(tx, row!.id, rows);
    await recordAudit(tx, {
      teamId: scope.team.id,
      actor: { userId: scope.actor.userId },
      action: "environment.created",
      targetType: "environment",
      targetId: row!.id,
      // Names only: a variable's value, secret or not, never goes into the audit log.
      details: {
        workspaceId: workspace.id,
        name: input.name,
        keys: rows.map((r) => r.key),
        secretKeys: rows.filter((r) => r.secret).map((r) => r.key),
      },
    });
    return getEnvironment(tx, scope, workspace, { environmentId: row!.id });
  });
}
