import { eq } from "drizzle-orm";
import { runners, type Executor } from "@outpost/db";
import { isWellFormedRunnerKey } from "@outpost/contracts";
import { z } from "zod";
import { runnerKeyMatches } from "./key";

/**
 * The runner a (runner id, key) pair authenticates, or null. Not scoped to a team: the key is the
 * credential, and it opens nothing but its own runner.
 */
export async function authenticateRunnerKey(db: Executor, runnerId: string, key: string) {
  if (!z.uuid().safeParse(runnerId).success || !isWellFormedRunnerKey(key)) return null;
  const [runner] = await db
    .select({ id: runners.id, teamId: runners.teamId, keyHash: runners.keyHash })
    .from(runners)
    .where(eq(runners.id, runnerId));
  if (!runner || !runnerKeyMatches(key, runner.keyHash)) return null;
  return { id: runner.id, teamId: runner.teamId };
}
