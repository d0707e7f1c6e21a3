import { sql } from "drizzle-orm";
import { runners } from "@outpost/db";

export const RUNNER_HEALTH = ["healthy", "unhealthy", "unknown"] as const;
export type RunnerHealth = (typeof RUNNER_HEALTH)[number];

/**
 * A runner is Healthy while an instance pinged or posted a result within this window. Instances
 * long-poll at least every ~25 s, so three missed polls mean something is wrong.
 */
export const HEALTHY_WITHIN_SECONDS = 90;

export const runnerHealthSql = sql<RunnerHealth>`case
  when ${runners.lastSeenAt} is null then 'unknown'
  when ${runners.lastSeenAt} > now() - make_interval(secs => ${HEALTHY_WITHIN_SECONDS}) then 'healthy'
  else 'unhealthy' end`;
