import { and, asc, eq } from "drizzle-orm";
import { environments, environmentVariables, type Database } from "@outpost/db";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import { notFound } from "../errors";
import type { TeamScope } from "../scope";
import type { SecretCipher } from "../secrets/cipher";
import { EnvironmentName, EnvironmentVariablesInput } from "./details";
import { getEnvironment } from "./get";
import { insertVariables, toStoredVariables, type StoredVariable } from "./store-variables";

export const UpdateEnvironmentInput = z.object({
  environmentId: z.uuid(),
  name: EnvironmentName.optional(),
  /** Replaces the whole list, in this order. */
  variables: EnvironmentVariablesInput.optional(),
});
export type UpdateEnvironmentInput = z.input<typeof UpdateEnvironmentInput>;

/**
 * Renames an environment and/or replaces its variables. A secret sent with `value: null` keeps its
 * stored value; one made non-secret needs a new value, since the old one is never shown.
 */
export async function updateEnvironment(
  db: Database,
  secrets: SecretCipher,
  scope: TeamScope,
  workspace: { id: string },
  input: z.output<typeof UpdateEnvironmentInput>,
) {
  return db.transaction(async (tx) => {
    const where = and(
      eq(environments.id, input.environmentId),
      eq(environments.teamId, scope.team.id),
      eq(environments.workspaceId, workspace.id),
    );
    const [before] = await tx.select({ id: environments.id, name: environments.name }).from(environments).where(where).for("update");
    if (!before) throw notFound("Environment");

    const changes: Record<string, unknown> = {};
    if (input.name !== undefined && input.name !== before.name) changes.name = { from: before.name, to: input.name };

    if (input.variables) {
      // The row lock above serialises updates, so this read is the list being replaced.
      const previous = await tx
        .select({
          key: environmentVariables.key,
          secret: environmentVariables.secret,
          value: environmentVariables.value,
          encryptedValue: environmentVariables.encryptedValue,
        })
        .from(environmentVariables)
        .where(eq(environmentVariables.environmentId, before.id))
        .orderBy(asc(environmentVariables.position));
      const rows = toStoredVariables(secrets, input.variables, new Map(previous.map((v) => [v.key, v])));
      const variableChanges = diffVariables(previous, input.variables);
      if (variableChanges) {
        changes.variables = variableChanges;
        await tx.delete(environmentVariables).where(eq(environmentVariables.environmentId, before.id));
        await insertVariables(tx, before.id, rows);
      }
    }

    if (Object.keys(changes).length > 0) {
      await tx
        .update(environments)
        .set({ name: input.name ?? before.name, updatedAt: new Date() })
        .where(where);
      await recordAudit(tx, {
        teamId: scope.team.id,
        actor: { userId: scope.actor.userId },
        action: "environment.updated",
        targetType: "environment",
        targetId: before.id,
        details: { workspaceId: workspace.id, name: input.name ?? before.name, changes },
      });
    }
    return getEnvironment(tx, scope, workspace, { environmentId: before.id });
  });
}

/**
 * Which variable names were added, removed or given a new value or kind, for the audit log; null
 * when nothing changed. Names only, never values. A secret sent with a value counts as changed:
 * comparing would mean decrypting, and re-entering a secret is worth recording anyway.
 */
function diffVariables(previous: StoredVariable[], next: z.output<typeof EnvironmentVariablesInput>) {
  const before = new Map(previous.map((v) => [v.key, v]));
  const nextKeys = new Set(next.map((v) => v.key));
  const added = next.filter((v) => !before.has(v.key)).map((v) => v.key);
  const removed = previous.filter((v) => !nextKeys.has(v.key)).map((v) => v.key);
  const changed = next
    .filter((v) => {
      const old = before.get(v.key);
      if (!old) return false;
      if (old.secret !== v.secret) return true;
      return v.secret ? v.value !== null : old.value !== v.value;
    })
    .map((v) => v.key);
  const kept = next.filter((v) => before.has(v.key)).map((v) => v.key);
  const reordered = kept.join("\n") !== previous.filter((v) => nextKeys.has(v.key)).map((v) => v.key).join("\n");
  if (added.length + removed.length + changed.length === 0 && !reordered) return null;
  return { added, removed, changed, ...(reordered ? { reordered } : {}) };
}
