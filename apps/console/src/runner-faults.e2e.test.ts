// Runner faults end to end: real `outpost` processes killed mid-run, and a console that goes away
// while a runner holds a result, against the real runner gateway over HTTP on the test database.
import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRunnerGateway, sweepRuns } from "@outpost/api";
import { testSecrets } from "@outpost/api/testing/caller";
import { serveFetch } from "@outpost/api/testing/serve";
import { requestExecutions, runs, usageMonths } from "@outpost/db";
import { createTestDatabase, type TestDatabase } from "@outpost/db/testing";
import { startGatedTarget } from "./test-support/gated-target";
import { createMonitoredRunner, healthCheck } from "./test-support/monitored-runner";
import { killRunners, spawnRunner, type RunnerProcess } from "./test-support/runner-process";
import { until } from "./test-support/until";

type Target = Awaited<ReturnType<typeof startGatedTarget>>;
type Instance = { cli: RunnerProcess; id: string };

let handle: TestDatabase;
let gateway: ReturnType<typeof createRunnerGateway>;
let consoleServer: Awaited<ReturnType<typeof serveFetch>>;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  handle = await createTestDatabase();
  gateway = createRunnerGateway({ getDb: async () => handle.db, secrets: () => testSecrets, log: () => {} });
  consoleServer = await serveFetch((request) => gateway.handle(request));
});
afterAll(async () => {
  await killRunners();
  for (const cleanup of cleanups) await cleanup();
  await consoleServer?.close();
  await handle?.close();
});

async function startTarget(): Promise<Target> {
  const target = await startGatedTarget();
  cleanups.push(target.stop);
  return target;
}

/** A team with a runner and a monitor whose one request goes to `target`. */
async function setup(target: Target) {
  const t = await createMonitoredRunner(handle, healthCheck(target.url));
  /** A runner process taking one run at a time: killing the instance that holds the run cuts no claim. */
  const spawn = (consoleUrl = consoleServer.url) =>
    spawnRunner(consoleUrl, ["--id", t.runner.id, "--concurrency", "1"], { OUTPOST_RUNNER_KEY: t.key });
  return { ...t, spawn };
}

async function startInstances(spawn: () => RunnerProcess, count: number): Promise<Instance[]> {
  const clis = Array.from({ length: count }, () => spawn());
  return Promise.all(clis.map(async (cli) => ({ cli, id: await cli.registered() })));
}

const isAlive = ({ cli }: Instance) => cli.child.exitCode === null && cli.child.signalCode === null;

async function runRow(runId: string) {
  const [row] = await handle.db.select().from(runs).where(eq(runs.id, runId));
  return row!;
}

const finished = (runId: string, timeoutMs = 30_000) =>
  until(`run ${runId} to finish`, timeoutMs, async () => {
    const row = await runRow(runId);
    return row.status === "finished" ? row : undefined;
  });

const claimed = (runId: string, attempt: number) =>
  until(`attempt ${attempt} of the run to be claimed`, 30_000, async () => {
    const row = await runRow(runId);
    return row.status === "running" && row.attempt === attempt ? row : undefined;
  });

/** SIGKILLs the instance holding the run, as a crash or an OOM kill would: nothing is delivered. */
async function killHolder(instances: Instance[], run: { instanceId: string | null }) {
  const holder = instances.find((instance) => instance.id === run.instanceId);
  if (!holder) throw new Error(`No runner process is instance ${run.instanceId}`);
  holder.cli.child.kill("SIGKILL");
  await holder.cli.exited;
}

/** A stand-in for LEASE_DURATION_MS passing without a renewal: the run's lease lapsed a second ago. */
async function lapseLease(runId: string) {
  await handle.db.update(runs).set({ leaseExpiresAt: sql`now() - interval '1 second'` }).where(eq(runs.id, runId));
}

const executionsOf = (runId: string) => handle.db.select().from(requestExecutions).where(eq(requestExecutions.runId, runId));
const runsOfMonitor = (monitorId: string) => handle.db.select().from(runs).where(eq(runs.monitorId, monitorId)).orderBy(asc(runs.queuedAt));

async function usageOf(teamId: string) {
  const rows = await handle.db.select().from(usageMonths).where(eq(usageMonths.teamId, teamId));
  return rows.reduce((sum, row) => sum + row.requestCount, 0);
}

/** What the process logged about one run, in order. */
const logsAbout = (runner: RunnerProcess, runId: string) =>
  runner.logs().filter((line) => line.runId === runId).map(({ msg, attempt, duplicate }) => ({ msg, attempt, duplicate }));

describe("runner faults", () => {
  it("hands a run whose instance died back to the queue, and another instance finishes it once", { timeout: 120_000 }, async () => {
    const target = await startTarget();
    const t = await setup(target);
    const instances = await startInstances(t.spawn, 2);
    const runId = await t.runNow();

    const held = await claimed(runId, 1);
    await until("the run's request to reach the target", 20_000, () => (target.requests.length === 1 ? true : undefined));
    await killHolder(instances, held);
    const [survivor] = instances.filter(isAlive);
    // Answer only once the killed instance's request is gone, so it cannot be answered after all.
    await until("the target to see the request cut off", 10_000, () => (target.requests[0]!.state === "cut off" ? true : undefined));
    target.open();

    await lapseLease(runId);
    // Nothing announces the requeue (the dispatch loop would): the survivor's waiting claim finds the
    // run at its next re-check of the queue.
    expect(await sweepRuns(handle.db)).toEqual({ requeued: [{ id: runId, runnerId: t.runner.id }], lost: 0, unclaimed: 0 });

    const run = await finished(runId);
    expect(run).toMatchObject({ outcome: "successful", errorMessage: null, attempt: 2, instanceId: survivor!.id, requestCount: 1 });
    expect(run.leaseId).not.toBe(held.leaseId);
    expect(await runsOfMonitor(t.monitor.id)).toHaveLength(1);
    expect(await executionsOf(runId)).toEqual([expect.objectContaining({ statusCode: 200 })]);
    expect(await usageOf(t.team.id)).toBe(1);
    expect(target.requests.map((request) => request.state)).toEqual(["cut off", "answered"]);
    await until("the survivor to log the delivery", 10_000, () =>
      survivor!.cli.logs().some((line) => line.msg === "result delivered") ? true : undefined,
    );
    expect(logsAbout(survivor!.cli, runId)).toEqual([
      { msg: "run started", attempt: 2, duplicate: undefined },
      { msg: "run finished", attempt: undefined, duplicate: undefined },
      { msg: "result delivered", attempt: undefined, duplicate: false },
    ]);

    survivor!.cli.child.kill("SIGTERM");
    expect(await survivor!.cli.exited).toBe(0);
  });

  it("ends a run as runner lost when its instance dies on both attempts", { timeout: 120_000 }, async () => {
    const target = await startTarget();
    const t = await setup(target);
    // Three instances: one outlives both kills and could pick the run up if it went back a third time.
    const instances = await startInstances(t.spawn, 3);
    const runId = await t.runNow();

    for (const attempt of [1, 2]) {
      const held = await claimed(runId, attempt);
      await until(`attempt ${attempt}'s request to reach the target`, 20_000, () => (target.requests.length === attempt ? true : undefined));
      await killHolder(instances, held);
      await lapseLease(runId);
      expect(await sweepRuns(handle.db)).toEqual(
        attempt === 1
          ? { requeued: [{ id: runId, runnerId: t.runner.id }], lost: 0, unclaimed: 0 }
          : { requeued: [], lost: 1, unclaimed: 0 },
      );
    }
    const lost = await runRow(runId);
    expect(lost).toMatchObject({ status: "finished", outcome: "error", attempt: 2, requestCount: 0, leaseExpiresAt: null });
    expect(lost.errorMessage).toContain("runner lost");

    // Were the lost run back in the queue, the next run could not be queued (one run of a monitor in
    // flight per runner) or would be claimed after it (oldest first): the last instance finishing the
    // next run shows that the lost one stays ended.
    const [witness, ...others] = instances.filter(isAlive);
    expect(others).toEqual([]);
    target.open();
    const nextId = await t.runNow();
    expect(await finished(nextId)).toMatchObject({ outcome: "successful", attempt: 1, instanceId: witness!.id });

    expect(await runRow(runId)).toEqual(lost);
    expect(await executionsOf(runId)).toEqual([]);
    expect(await usageOf(t.team.id)).toBe(1);
    expect(logsAbout(witness!.cli, runId)).toEqual([]);
    expect(target.requests.map((request) => request.state)).toEqual(["cut off", "cut off", "answered"]);
  });

  it("keeps a result while the console is down and delivers it once when the console is back", { timeout: 120_000 }, async () => {
    const target = await startTarget();
    const t = await setup(target);
    // A console of its own, at an address that stays the same when it comes back.
    let ownConsole = await serveFetch((request) => gateway.handle(request));
    cleanups.push(() => ownConsole.close());
    const runner = t.spawn(ownConsole.url);
    const instanceId = await runner.registered();
    const runId = await t.runNow();

    await until("the run's request to reach the target", 20_000, () => (target.requests.length === 1 ? true : undefined));
    await ownConsole.close();
    target.open();
    const deliveryFailures = () => runner.logs().filter((line) => line.msg === "submit result failed").length;
    // Two failures: the runner went on trying after the first one.
    await until("the runner to try delivering twice", 20_000, () => (deliveryFailures() >= 2 ? true : undefined));
    expect(await runRow(runId)).toMatchObject({ status: "running", attempt: 1 });

    ownConsole = await serveFetch((request) => gateway.handle(request), { port: ownConsole.port });
    const run = await finished(runId, 60_000);
    expect(run).toMatchObject({ outcome: "successful", attempt: 1, instanceId, requestCount: 1 });
    expect(await executionsOf(runId)).toHaveLength(1);
    expect(await usageOf(t.team.id)).toBe(1);
    await until("the runner to log the delivery", 10_000, () =>
      runner.logs().some((line) => line.msg === "result delivered") ? true : undefined,
    );
    expect(logsAbout(runner, runId).filter((line) => line.msg === "result delivered")).toEqual([
      { msg: "result delivered", attempt: undefined, duplicate: false },
    ]);

    // The same process carries on: it claims and finishes the next run.
    const nextId = await t.runNow();
    expect(await finished(nextId, 60_000)).toMatchObject({ outcome: "successful", instanceId });
    expect(target.requests.map((request) => request.state)).toEqual(["answered", "answered"]);
    runner.child.kill("SIGTERM");
    expect(await runner.exited).toBe(0);
  });
});
