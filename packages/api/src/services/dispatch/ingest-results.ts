import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { SubmitResultRequest, SubmitResultResponse } from "@outpost/contracts";
import { assertions, consoleLines, requestExecutions, runnerInstances, runners, runs, usageMonths, type Database, type Transaction } from "@outpost/db";
import { failedTestsOf } from "../notification/failed-tests";
import { queueRunNotifications } from "../notification/queue-run-notifications";
import { usageMonth } from "../usage/period";
import { unknownInstance } from "./register-instance";
import { leaseLost } from "./renew-lease";
import { instancesOf, runsOf, type AuthenticatedRunner } from "./runner-identity";

export type Submission = { runner: AuthenticatedRunner; runId: string; input: SubmitResultRequest };
export type Verdict = { ok: true; response: SubmitResultResponse } | { ok: false; error: unknown };

const INT_MAX = 2_147_483_647;
/** How fresh a delivering instance's last ping may be before a result refreshes it. */
const PING_EVERY_MS = 5_000;

/**
 * Stores results — each with its executions, assertions and console lines — adds their requests to
 * the teams' usage and queues the notifications they call for, in one transaction for the whole
 * batch: one commit and a handful of statements however many results there are. Each submission
 * gets its own verdict; a refused one (lease lost, unknown instance) changes nothing. Should the
 * transaction fail, every submission is tried again alone, so one bad result never costs the others.
 * Idempotent per run and lease, so a runner may retry after any network failure.
 */
export async function ingestResults(db: Database, submissions: readonly Submission[]): Promise<Verdict[]> {
  if (submissions.length === 0) return [];
  let verdicts: Verdict[];
  try {
    verdicts = await db.transaction((tx) => ingestInTransaction(tx, submissions));
  } catch (error) {
    if (submissions.length === 1) return [{ ok: false, error }];
    verdicts = [];
    for (const submission of submissions) verdicts.push(...(await ingestResults(db, [submission])));
    return verdicts;
  }
  await recordPings(db, submissions, verdicts);
  return verdicts;
}

async function ingestInTransaction(tx: Transaction, submissions: readonly Submission[]): Promise<Verdict[]> {
  const byRunner = groupByRunner(submissions);
  // Authorization is in the query: each runner sees only its own runs and instances. Locked in id
  // order, so concurrent batches cannot deadlock on each other's runs.
  const rows = await tx
    .select({ id: runs.id, status: runs.status, leaseId: runs.leaseId, teamId: runs.teamId, runnerId: runs.runnerId })
    .from(runs)
    .where(or(...byRunner.map(({ runner, items }) => and(runsOf(runner), inArray(runs.id, items.map((s) => s.runId))))))
    .orderBy(runs.id)
    .for("update");
  const instances = await tx
    .select({ id: runnerInstances.id, runnerId: runnerInstances.runnerId })
    .from(runnerInstances)
    .where(
      or(...byRunner.map(({ runner, items }) => and(instancesOf(runner), inArray(runnerInstances.id, items.map((s) => s.input.instanceId))))),
    );

  const settled = new Map<string, string>(); // run id → lease id, as this batch leaves them
  const accepted: Array<{ submission: Submission; teamId: string; lapsed: boolean }> = [];
  const verdicts = submissions.map((submission): Verdict => {
    const { runner, runId, input } = submission;
    const run = rows.find((row) => row.id === runId && ownedBy(runner, row.runnerId));
    if (!run || run.leaseId !== input.leaseId) return { ok: false, error: leaseLost() };
    // An instance that never registered stores nothing: the runner registers again and resends.
    if (!instances.some((instance) => instance.id === input.instanceId && ownedBy(runner, instance.runnerId))) {
      return { ok: false, error: unknownInstance() };
    }
    if (run.status === "finished" || settled.get(runId) === input.leaseId) return { ok: true, response: { accepted: true, duplicate: true } };
    // Queued with this lease: it lapsed while the instance was cut off, and no other instance has
    // claimed the run since (a claim replaces the lease). The run was executed: take its result.
    const lapsed = run.status === "queued";
    if (run.status !== "running" && !lapsed) return { ok: false, error: leaseLost() };
    settled.set(runId, input.leaseId);
    accepted.push({ submission, teamId: run.teamId, lapsed });
    return { ok: true, response: { accepted: true, duplicate: false } };
  });
  if (accepted.length === 0) return verdicts;

  await finishRuns(tx, accepted);
  await insertDetails(tx, accepted.map((a) => a.submission));
  await queueRunNotifications(
    tx,
    accepted.map(({ submission }) => ({ runId: submission.runId, failedTests: failedTestsOf(submission.input.result) })),
  );
  // Last, right before the commit: every result of a team updates the team's one usage row, so its
  // lock serializes the team's batches for as long as it is held (docs/benchmarks.md, "Result ingestion").
  await addUsage(tx, accepted);
  return verdicts;
}

/** One UPDATE for the batch's runs: a statement per result was most of a batch's round trips. */
async function finishRuns(tx: Transaction, accepted: Array<{ submission: Submission; lapsed: boolean }>) {
  const rows = accepted.map(({ submission: { runId, input }, lapsed }) => {
    const { result } = input;
    const finishedAt = new Date(result.finishedAt);
    // The runner's clock decides both ends: a duration past what the column holds is not a real one.
    const durationMs = Math.min(Math.max(0, finishedAt.getTime() - new Date(result.startedAt).getTime()), INT_MAX);
    // The sweeper let go of the instance when the lease lapsed; it is the one that ran it.
    const instanceId = lapsed ? input.instanceId : null;
    return sql`(${runId}::uuid, ${result.outcome}::run_outcome, ${result.errorMessage}::text, ${finishedAt.toISOString()}::timestamptz,
      ${durationMs}::integer, ${result.requestCount}::integer, ${instanceId}::uuid)`;
  });
  await tx.execute(sql`
    update ${runs} set
      status = 'finished', outcome = done.outcome, error_message = done.error_message, finished_at = done.finished_at,
      duration_ms = done.duration_ms, request_count = done.request_count, lease_expires_at = null,
      instance_id = coalesce(done.instance_id, ${runs.instanceId})
    from (values ${sql.join(rows, sql`, `)}) as done (id, outcome, error_message, finished_at, duration_ms, request_count, instance_id)
    where ${runs.id} = done.id`);
}

async function insertDetails(tx: Transaction, submissions: Submission[]) {
  // Ids made here let executions and their assertions go in as two statements, not one per request.
  const executions = submissions.flatMap(({ runId, input }) =>
    input.result.executions.map((execution) => ({ ...execution, runId, id: randomUUID() })),
  );
  await insertRecordset(
    tx,
    requestExecutions,
    { id: "uuid", run_id: "uuid", position: "integer", request_name: "text", method: "text", url: "text", status_code: "integer", response_time_ms: "integer", response_size_bytes: "integer", error: "text" },
    executions.map((e) => [e.id, e.runId, e.position, e.requestName, e.method, e.url, e.statusCode, e.responseTimeMs, e.responseSizeBytes, e.error]),
  );
  await insertRecordset(
    tx,
    assertions,
    { run_id: "uuid", execution_id: "uuid", position: "integer", name: "text", passed: "boolean", error_message: "text" },
    executions.flatMap((e) => e.assertions.map((a, position) => [e.runId, e.id, position, a.name, a.passed, a.errorMessage])),
  );
  await insertRecordset(
    tx,
    consoleLines,
    { run_id: "uuid", position: "integer", level: "console_level", message: "text", logged_at: "timestamptz" },
    submissions.flatMap(({ runId, input }) => input.result.consoleLines.map((line, position) => [runId, position, line.level, line.message, line.loggedAt])),
  );
}

/**
 * Rows into `table` as one JSON parameter that `json_to_recordset` turns into rows, not a bind
 * parameter per value: a batch's thousands of detail rows made statements of tens of thousands of
 * parameters, and parsing and planning those was most of the database's work per result.
 */
async function insertRecordset(tx: Transaction, table: PgTable, columns: Record<string, string>, rows: unknown[][]) {
  if (rows.length === 0) return;
  const names = Object.keys(columns);
  const records = rows.map((row) => Object.fromEntries(names.map((name, i) => [name, row[i]])));
  const definition = sql.raw(names.map((name) => `${name} ${columns[name]}`).join(", "));
  const list = sql.raw(names.join(", "));
  await tx.execute(sql`insert into ${table} (${list}) select ${list} from json_to_recordset(${JSON.stringify(records)}::json) as r(${definition})`);
}

async function addUsage(tx: Transaction, accepted: Array<{ submission: Submission; teamId: string }>) {
  const totals = new Map<string, { teamId: string; month: string; requestCount: number }>();
  for (const { submission, teamId } of accepted) {
    const { requestCount, finishedAt } = submission.input.result;
    if (requestCount === 0) continue;
    const month = usageMonth(new Date(finishedAt));
    const key = `${teamId} ${month}`;
    const total = totals.get(key) ?? { teamId, month, requestCount: 0 };
    total.requestCount += requestCount;
    totals.set(key, total);
  }
  // In a fixed order, so two batches of the same teams lock their rows the same way round.
  for (const total of [...totals.values()].sort((a, b) => (a.teamId + a.month).localeCompare(b.teamId + b.month))) {
    await tx
      .insert(usageMonths)
      .values(total)
      .onConflictDoUpdate({
        target: [usageMonths.teamId, usageMonths.month],
        set: { requestCount: sql`${usageMonths.requestCount} + ${total.requestCount}` },
      });
  }
}

/**
 * After the commit: the instances that delivered, and their runners, count as seen now — in two
 * statements for the whole batch, and only where the last sighting is a few seconds old (health
 * reads minutes), so a busy fleet does not pay a write and a commit per result.
 */
async function recordPings(db: Database, submissions: readonly Submission[], verdicts: Verdict[]) {
  const delivered = submissions.filter((_, i) => verdicts[i]?.ok);
  const instanceIds = [...new Set(delivered.map((s) => s.input.instanceId))];
  const runnerIds = [...new Set(delivered.flatMap((s) => (s.runner.kind === "private" ? [s.runner.id] : [])))];
  const stale = (column: typeof runnerInstances.lastPingAt | typeof runners.lastSeenAt) =>
    or(isNull(column), lt(column, sql`now() - make_interval(secs => ${PING_EVERY_MS / 1000})`));
  try {
    // The instances were checked against their runners in the transaction that stored the results.
    if (instanceIds.length > 0) {
      await db.update(runnerInstances).set({ lastPingAt: sql`now()` }).where(and(inArray(runnerInstances.id, instanceIds), stale(runnerInstances.lastPingAt)));
    }
    if (runnerIds.length > 0) {
      await db
        .update(runners)
        .set({ lastSeenAt: sql`now()`, updatedAt: sql`${runners.updatedAt}` })
        .where(and(inArray(runners.id, runnerIds), stale(runners.lastSeenAt)));
    }
  } catch {
    // The results are stored; a ping that fails (the database went away this instant) only leaves
    // the last-seen times as they were until the next request.
  }
}

function groupByRunner(submissions: readonly Submission[]) {
  const groups = new Map<string, { runner: AuthenticatedRunner; items: Submission[] }>();
  for (const submission of submissions) {
    const key = submission.runner.kind === "hosted" ? "hosted" : `${submission.runner.teamId}/${submission.runner.id}`;
    const group = groups.get(key) ?? { runner: submission.runner, items: [] };
    group.items.push(submission);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** Matches a row the query already scoped to the batch's runners back to one of them. */
function ownedBy(runner: AuthenticatedRunner, runnerId: string | null): boolean {
  return runner.kind === "hosted" ? runnerId === null : runnerId === runner.id;
}
