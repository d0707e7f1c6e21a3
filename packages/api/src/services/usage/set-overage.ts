import { eq } from "drizzle-orm";
import { teams, type Database } from "@outpost/db";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import { notFound, ServiceError } from "../errors";
import type { TeamScope } from "../scope";

export const SetOverageInput = z.object({ allowed: z.boolean() });

/**
 * Turns overage on or off for a paid team. Off: at the quota its monitors pause until the next
 * period, like on Free. On again: the scheduler resumes the monitors the quota paused.
 */
export async function setOverageAllowed(db: Database, scope: TeamScope, input: z.output<typeof SetOverageInput>) {
  return db.transaction(async (tx) => {
    const [team] = await tx
      .select({ id: teams.id, plan: teams.plan, overageAllowed: teams.overageAllowed })
      .from(teams)
      .where(eq(teams.id, scope.team.id))
      .for("update");
    if (!team) throw notFound("Team");
    if (team.plan === "free") {
      throw new ServiceError(
        "FORBIDDEN",
        "Overage is available with the Basic, Professional and Enterprise plans. On the Free plan, monitors pause at the quota until the next period.",
      );
    }
    if (team.overageAllowed === input.allowed) return { overageAllowed: team.overageAllowed };
    await tx.update(teams).set({ overageAllowed: input.allowed }).where(eq(teams.id, team.id));
    await recordAudit(tx, {
      teamId: team.id,
      actor: { userId: scope.actor.userId },
      action: input.allowed ? "team.overage_allowed" : "team.overage_disallowed",
      targetType: "team",
      targetId: team.id,
      details: { changes: { overageAllowed: { from: team.overageAllowed, to: input.allowed } } },
    });
    return { overageAllowed: input.allowed };
  });
}
