import { and, eq } from "drizzle-orm";
import { runners, type Database } from "@outpost/db";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import { notFound } from "../errors";
import type { TeamScope } from "../scope";
import { assertPrivateMonitoring } from "../team/private-monitoring";
import { installCommands } from "./install-command";
import { issueRunnerKey } from "./key";

export const ResetRunnerKeyInput = z.object({ runnerId: z.uuid() });

/**
 * Issues a new key and returns it once. The old hash is overwritten in the same statement, so the
 * old key stops authenticating with the next request any instance makes.
 */
export async function resetRunnerKey(
  db: Database,
  scope: TeamScope,
  publicUrl: string,
  input: z.output<typeof ResetRunnerKeyInput>,
) {
  assertPrivateMonitoring(scope.team);
  const issued = issueRunnerKey();
  const runner = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(runners)
      .set({ keyHash: issued.hash, keyLast4: issued.last4, updatedAt: new Date() })
      .where(and(eq(runners.id, input.runnerId), eq(runners.teamId, scope.team.id)))
      .returning({ id: runners.id, name: runners.name });
    if (!row) throw notFound("Runner");
    await recordAudit(tx, {
      teamId: scope.team.id,
      actor: { userId: scope.actor.userId },
      action: "runner.key_reset",
      targetType: "runner",
      targetId: row.id,
      details: { name: row.name },
    });
    return row;
  });
  return { runner, key: issued.key, commands: installCommands(publicUrl, runner.id, issued.key) };
}
