import { and, asc, eq } from "drizzle-orm";
import { assertions, consoleLines, requestExecutions, runnerInstances, runners, runs, users, type Executor } from "@outpost/db";
import { z } from "zod";
import { notFound } from "../errors";
import type { TeamScope } from "../scope";
import { findResultsMonitor } from "./find-monitor";
import { MonitorRef } from "./input";
import { describeRunTimeline } from "./run-timeline";

export const RunDetailInput = MonitorRef.extend({ runId: z.uuid() });

/**
 * One run of a monitor as its Test Results and Console Log tabs show it: each request with its
 * tests, and the run's stages with its stored log lines. Values are shown as the runner stored them
 * (it masks secrets before sending), never resolved again here.
 */
export async function getRunDetail(db: Executor, scope: TeamScope, workspace: { id: string }, input: z.output<typeof RunDetailInput>) {
  const monitor = await findResultsMonitor(db, scope, workspace, input.monitorId);
  const [run] = await db
    .select({
      id: runs.id,
      type: runs.type,
      status: runs.status,
      outcome: runs.outcome,
      errorMessage: runs.errorMessage,
      attempt: runs.attempt,
      scheduledFor: runs.scheduledFor,
      queuedAt: runs.queuedAt,
      startedAt: runs.startedAt,
      finishedAt: runs.finishedAt,
      durationMs: runs.durationMs,
      requestCount: runs.requestCount,
      runnerId: runs.runnerId,
      runnerName: runners.name,
      instance: {
        id: runnerInstances.id,
        hostname: runnerInstances.hostname,
        os: runnerInstances.os,
        runnerVersion: runnerInstances.runnerVersion,
      },
      triggeredByName: users.name,
    })
    .from(runs)
    .leftJoin(runners, and(eq(runners.id, runs.runnerId), eq(runners.teamId, monitor.teamId)))
    .leftJoin(runnerInstances, eq(runnerInstances.id, runs.instanceId))
    .leftJoin(users, eq(users.id, runs.triggeredById))
    .where(and(eq(runs.id, input.runId), eq(runs.monitorId, monitor.id), eq(runs.teamId, monitor.teamId)));
  if (!run) throw notFound("Run");

  const [executions, tests, lines] = await Promise.all([
    db
      .select({
        id: requestExecutions.id,
        position: requestExecutions.position,
        requestName: requestExecutions.requestName,
        method: requestExecutions.method,
        url: requestExecutions.url,
        statusCode: requestExecutions.statusCode,
        responseTimeMs: requestExecutions.responseTimeMs,
        responseSizeBytes: requestExecutions.responseSizeBytes,
        error: requestExecutions.error,
      })
      .from(requestExecutions)
      .where(eq(requestExecutions.runId, run.id))
      .orderBy(asc(requestExecutions.position)),
    db
      .select({
        executionId: assertions.executionId,
        name: assertions.name,
        passed: assertions.passed,
        errorMessage: assertions.errorMessage,
      })
      .from(assertions)
      .where(eq(assertions.runId, run.id))
      .orderBy(asc(assertions.executionId), asc(assertions.position)),
    db
      .select({ level: consoleLines.level, message: consoleLines.message, loggedAt: consoleLines.loggedAt })
      .from(consoleLines)
      .where(eq(consoleLines.runId, run.id))
      .orderBy(asc(consoleLines.position)),
  ]);

  const runner = run.runnerId ? { kind: "private" as const, id: run.runnerId, name: run.runnerName ?? "Deleted runner" } : { kind: "hosted" as const, name: "Hosted runner" };
  const testsByExecution = new Map<string, Array<{ name: string; passed: boolean; errorMessage: string | null }>>();
  for (const { executionId, ...test } of tests) {
    const list = testsByExecution.get(executionId) ?? [];
    list.push(test);
    testsByExecution.set(executionId, list);
  }
  const requests = executions.map(({ id, ...execution }) => ({ ...execution, tests: testsByExecution.get(id) ?? [] }));
  const allTests = requests.flatMap((request) => request.tests);
  const { runnerId: _runnerId, runnerName: _runnerName, instance, ...rest } = run;
  return {
    ...rest,
    runner,
    instance: instance?.id ? instance : null,
    tests: { passed: allTests.filter((test) => test.passed).length, failed: allTests.filter((test) => !test.passed).length },
    requests,
    timeline: describeRunTimeline({ ...run, runner: runner.name, instance: instance?.id ? instance : null }, requests, lines),
  };
}

export type RunDetail = Awaited<ReturnType<typeof getRunDetail>>;
