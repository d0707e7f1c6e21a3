import { eq, inArray, sql } from "drizzle-orm";
import { requestExecutions, runs, usageMonths } from "@outpost/db";
import type { FaultWorld } from "./fault-world";

export type RunAudit = {
  runs: number;
  outcomes: Record<string, number>;
  /** Runs not finished, or finished without an outcome. */
  unfinished: string[];
  /** Runs whose request the target answered more than once: executed twice to completion. */
  executedTwice: string[];
  /** Runs whose stored executions do not match what the target answered (lost or doubled results). */
  mismatched: string[];
  /** Requests the target answered for runs with a path of their own, summed; the requests stored; the team's usage. */
  answered: number;
  storedRequests: number;
  usage: number;
};

/**
 * Compares what the target saw with what the console stored, run by run (each run has a path of
 * its own at the target). A successful run was answered exactly once and stored one execution.
 */
export async function auditRuns(world: FaultWorld, paths: Map<string, string>): Promise<RunAudit> {
  const rows = await world.allRuns();
  const ids = rows.map((row) => row.id);
  const executions = ids.length
    ? await world.db
        .select({ runId: requestExecutions.runId, count: sql<number>`count(*)::int` })
        .from(requestExecutions)
        .where(inArray(requestExecutions.runId, ids))
        .groupBy(requestExecutions.runId)
    : [];
  const stored = new Map(executions.map((row) => [row.runId, row.count]));
  const usageRows = await world.db.select().from(usageMonths).where(eq(usageMonths.teamId, world.team.team.id));
  const audit: RunAudit = {
    runs: rows.length,
    outcomes: {},
    unfinished: [],
    executedTwice: [],
    mismatched: [],
    answered: 0,
    storedRequests: 0,
    usage: usageRows.reduce((sum, row) => sum + row.requestCount, 0),
  };
  for (const run of rows) {
    const path = paths.get(run.id);
    const answered = path ? world.target.on(path).filter((request) => request.state === "answered").length : 0;
    audit.answered += answered;
    audit.storedRequests += run.requestCount ?? 0;
    if (run.status !== "finished" || !run.outcome) audit.unfinished.push(`${run.id} (${run.status}, attempt ${run.attempt})`);
    else {
      const outcome = run.errorMessage ? `${run.outcome}: ${run.errorMessage}` : run.outcome;
      audit.outcomes[outcome] = (audit.outcomes[outcome] ?? 0) + 1;
    }
    if (answered > 1) audit.executedTwice.push(`${run.id} (answered ${answered} times)`);
    const executionCount = stored.get(run.id) ?? 0;
    // A run without a path of its own (a scheduled monitor's) is checked for doubled results only.
    const answeredOnce = !path || answered === 1;
    if (executionCount > 1 || (run.outcome === "successful" && (executionCount !== 1 || !answeredOnce))) {
      audit.mismatched.push(`${run.id} (${run.outcome}, ${executionCount} executions stored, answered ${answered})`);
    }
  }
  return audit;
}

/** Runs of the world's team still queued or running. */
export async function runsInFlight(world: FaultWorld) {
  const rows = await world.db
    .select({ id: runs.id, status: runs.status })
    .from(runs)
    .where(eq(runs.teamId, world.team.team.id));
  return rows.filter((row) => row.status !== "finished");
}
