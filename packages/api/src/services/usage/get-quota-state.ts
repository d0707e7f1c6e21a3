import { eq } from "drizzle-orm";
import { teams, usageMonths, type Executor } from "@outpost/db";
import { notFound } from "../errors";
import { usagePeriod } from "./period";
import { quotaExhaustedReason, quotaExhaustedSql, requestsUsedSql, teamQuotaSql, usageOfPeriod } from "./quota";

/** The team's quota this period: how much is used, and whether its runs must stop (and why). */
export async function getQuotaState(db: Executor, teamId: string, now: Date) {
  const period = usagePeriod(now);
  const [row] = await db
    .select({
      plan: teams.plan,
      overageAllowed: teams.overageAllowed,
      quota: teamQuotaSql,
      used: requestsUsedSql,
      exhausted: quotaExhaustedSql,
    })
    .from(teams)
    .leftJoin(usageMonths, usageOfPeriod(period))
    .where(eq(teams.id, teamId));
  if (!row) throw notFound("Team");
  return { ...row, period, reason: row.exhausted ? quotaExhaustedReason(row, period) : null };
}

export type QuotaState = Awaited<ReturnType<typeof getQuotaState>>;
