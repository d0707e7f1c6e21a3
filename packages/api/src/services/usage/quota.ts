import { and, eq, sql } from "drizzle-orm";
import { teams, usageMonths, type TeamPlan } from "@outpost/db";
import { formatPeriodDay, type UsagePeriod } from "./period";

/** Monitor requests per calendar month, by plan; the operator can set another figure per team. */
export const PLAN_REQUEST_QUOTAS: Record<TeamPlan, number> = {
  free: 1_000,
  basic: 10_000,
  professional: 100_000,
  enterprise: 1_000_000,
};

export const PLAN_LABELS: Record<TeamPlan, string> = {
  free: "Free",
  basic: "Basic",
  professional: "Professional",
  enterprise: "Enterprise",
};

// The quota rule lives in SQL once, so the scheduler, Run now and the usage page can't disagree.
// The plan figures are constants of this file, never input, so they are inlined.
const planQuotaSql = sql.join(
  Object.entries(PLAN_REQUEST_QUOTAS).map(([plan, quota]) => sql.raw(`when '${plan}' then ${quota}`)),
  sql.raw(" "),
);

/** The team's monthly quota: the operator's figure for the team, else its plan's. */
export const teamQuotaSql = sql<number>`coalesce(${teams.requestQuota}, case ${teams.plan} ${planQuotaSql} end)`.mapWith(Number);

/** Requests used this period, from the period's usage row (none yet: 0). */
export const requestsUsedSql = sql<number>`coalesce(${usageMonths.requestCount}, 0)`.mapWith(Number);

/**
 * The team may not start runs: its quota is used up and it stops there — always on Free, on paid
 * plans when an admin turned overage off.
 */
export const quotaExhaustedSql = sql<boolean>`(coalesce(${usageMonths.requestCount}, 0) >= ${teamQuotaSql}
  and (${teams.plan} = 'free' or not ${teams.overageAllowed}))`.mapWith(Boolean);

/** Joins a team to its usage row of `period` (selected from `teams`). */
export const usageOfPeriod = (period: UsagePeriod) =>
  and(eq(usageMonths.teamId, teams.id), eq(usageMonths.month, period.month));

/** Why runs stopped, as a monitor shows it after "Paused: ". */
export function quotaExhaustedReason(team: { plan: TeamPlan; quota: number }, period: UsagePeriod): string {
  const used = `the ${PLAN_LABELS[team.plan]} plan's monthly quota of ${team.quota.toLocaleString("en-US")} requests is used up`;
  const resume = `runs resume on ${formatPeriodDay(period.end)}`;
  return team.plan === "free" ? `${used}; ${resume}` : `${used} and overage is off; ${resume} or when a Team Admin allows overage`;
}
