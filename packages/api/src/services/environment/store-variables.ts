import { environmentVariables, type Executor } from "@outpost/db";
import { ServiceError } from "../errors";
import type { SecretCipher } from "../secrets/cipher";
import type { EnvironmentVariableInput } from "./details";

/** A variable as it was stored before an update, envelope included. */
export type StoredVariable = { key: string; secret: boolean; value: string | null; encryptedValue: string | null };

/**
 * The rows for a new variable list. A secret sent without a value keeps what it had under the same
 * name, so editing other variables never wipes secrets the browser was never shown.
 */
export function toStoredVariables(
  secrets: SecretCipher,
  variables: EnvironmentVariableInput[],
  previous: ReadonlyMap<string, StoredVariable> = new Map(),
) {
  return variables.map(({ key, value, secret }) => {
    const before = previous.get(key);
    if (secret) {
      // Marking a plain variable secret without retyping it keeps (and now encrypts) its value.
      const kept = before?.secret ? before.encryptedValue : before?.value != null ? secrets.encrypt(before.value) : null;
      return { key, secret, value: null, encryptedValue: value !== null ? secrets.encrypt(value) : kept };
    }
    if (value === null && before?.secret) {
      throw new ServiceError(
        "BAD_REQUEST",
        `Enter a value for "${key}" to make it a non-secret variable: its secret value is never shown, so it can't be kept.`,
      );
    }
    return { key, secret, value, encryptedValue: null };
  });
}

export async function insertVariables(
  db: Executor,
  environmentId: string,
  rows: ReturnType<typeof toStoredVariables>,
) {
  if (rows.length === 0) return;
  await db.insert(environmentVariables).values(rows.map((row, position) => ({ ...row, environmentId, position })));
}
