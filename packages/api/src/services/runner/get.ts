import { and, asc, count, desc, eq, min } from "drizzle-orm";
import { runnerInstances, runners, runs, type Executor } from "@outpost/db";
import { z } from "zod";
import { notFound } from "../errors";
import type { TeamScope } from "../scope";
import { assertRunnerSettings } from "../team/private-monitoring";
import { selectRunners } from "./select";

export const GetRunnerInput = z.object({ runnerId: z.uuid() });

/** One runner of the team with its instances and its queue: depth and the oldest queued run. */
export async function getRunner(db: Executor, scope: TeamScope, input: z.output<typeof GetRunnerInput>) {
  assertRunnerSettings(scope.team);
  const [runner] = await selectRunners(db, scope.team.id, eq(runners.id, input.runnerId));
  if (!runner) throw notFound("Runner");

  const [instances, [queue]] = await Promise.all([
    db
      .select({
        id: runnerInstances.id,
        hostname: runnerInstances.hostname,
        os: runnerInstances.os,
        runnerVersion: runnerInstances.runnerVersion,
        lastPingAt: runnerInstances.lastPingAt,
        firstSeenAt: runnerInstances.firstSeenAt,
      })
      .from(runnerInstances)
      .where(eq(runnerInstances.runnerId, runner.id))
      .orderBy(desc(runnerInstances.lastPingAt), asc(runnerInstances.id)),
    db
      .select({ depth: count(), oldestQueuedAt: min(runs.queuedAt) })
      .from(runs)
      .where(and(eq(runs.runnerId, runner.id), eq(runs.teamId, scope.team.id), eq(runs.status, "queued"))),
  ]);
  return { ...runner, instances, queue: { depth: queue?.depth ?? 0, oldestQueuedAt: queue?.oldestQueuedAt ?? null } };
}
