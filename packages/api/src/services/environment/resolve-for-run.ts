import { asc, eq } from "drizzle-orm";
import { environments, environmentVariables, type Executor } from "@outpost/db";
import { notFound } from "../errors";
import type { SecretCipher } from "../secrets/cipher";

export type ResolvedEnvironment = {
  /** Every variable in order, secrets decrypted; a variable without a value resolves to "". */
  values: Array<{ key: string; value: string; secret: boolean }>;
  /** The plaintext of every non-empty secret, so the run's output can be masked before it is stored. */
  secretValues: string[];
};

/**
 * The decrypted variables a run needs. Unscoped by design: the dispatcher calls it for a monitor it
 * already loaded under its team, and this is the only path where secrets leave the database in
 * plaintext — its result goes to a runner, never to a browser.
 */
export async function unsafeResolveEnvironmentForRun(
  db: Executor,
  secrets: SecretCipher,
  environmentId: string,
): Promise<ResolvedEnvironment> {
  const [environment] = await db.select({ id: environments.id }).from(environments).where(eq(environments.id, environmentId));
  if (!environment) throw notFound("Environment");
  const rows = await db
    .select({
      key: environmentVariables.key,
      secret: environmentVariables.secret,
      value: environmentVariables.value,
      encryptedValue: environmentVariables.encryptedValue,
    })
    .from(environmentVariables)
    .where(eq(environmentVariables.environmentId, environment.id))
    .orderBy(asc(environmentVariables.position));

  const values = rows.map((row) => ({
    key: row.key,
    value: (row.secret ? row.encryptedValue && secrets.decrypt(row.encryptedValue) : row.value) ?? "",
    secret: row.secret,
  }));
  const secretValues = [...new Set(values.filter((v) => v.secret && v.value !== "").map((v) => v.value))];
  return { values, secretValues };
}
