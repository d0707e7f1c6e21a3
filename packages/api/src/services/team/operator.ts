import { eq } from "drizzle-orm";
import { teams, type Database, type TeamPlan } from "@outpost/db";
import { recordAudit } from "../audit/record";
import { notFound } from "../errors";

/** How operator actions appear in the audit log: they come from the installation, not a user. */
export const OPERATOR_ACTOR = { label: "operator (outpost-admin)" };

type TeamChange = Partial<Pick<typeof teams.$inferInsert, "plan" | "privateMonitoringEnabled" | "requestQuota">>;

/**
 * Changes a team's plan facts on behalf of the installation's operator. Unscoped by design — it is
 * only reachable from the operator's command line, never from the console's API.
 */
async function unsafeChangeTeam(db: Database, slug: string, change: TeamChange, action: string) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(teams).where(eq(teams.slug, slug)).for("update");
    if (!before) throw notFound(`Team "${slug}"`);
    const [after] = await tx.update(teams).set(change).where(eq(teams.id, before.id)).returning();
    const changes = Object.fromEntries(
      (Object.keys(change) as Array<keyof TeamChange>).map((field) => [field, { from: before[field], to: after![field] }]),
    );
    await recordAudit(tx, {
      teamId: before.id,
      actor: OPERATOR_ACTOR,
      action,
      targetType: "team",
      targetId: before.id,
      details: { changes },
    });
    return after!;
  });
}

export function unsafeSetPrivateMonitoring(db: Database, slug: string, enabled: boolean) {
  return unsafeChangeTeam(
    db,
    slug,
    { privateMonitoringEnabled: enabled },
    enabled ? "team.private_monitoring_enabled" : "team.private_monitoring_disabled",
  );
}

export function unsafeSetPlan(db: Database, slug: string, plan: TeamPlan) {
  return unsafeChangeTeam(db, slug, { plan }, "team.plan_changed");
}

/** The team's monthly request quota; null goes back to the plan's default. */
export function unsafeSetRequestQuota(db: Database, slug: string, requestQuota: number | null) {
  return unsafeChangeTeam(db, slug, { requestQuota }, "team.request_quota_changed");
}
