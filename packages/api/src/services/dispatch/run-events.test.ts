import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROTOCOL_VERSION, RunnerHeaders, RunnerRoutes, type ClaimRunsResponse } from "@outpost/contracts";
import { eq } from "drizzle-orm";
import { createRun, createTestDatabase, type TestDatabase } from "@outpost/db/testing";
import { openDatabase, runs, type DatabaseHandle, type Listener } from "@outpost/db";
import { createRunnerGateway } from "../../runner-gateway/gateway";
import { testSecrets } from "../../testing/caller";
import { createRunnerWithMonitor } from "../../testing/runner-fixtures";
import { serveFetch } from "../../testing/serve";
import { closeQueueEvents, shareQueueEvents } from "./run-events";

/** A runner with one monitor on it and a registered instance, and `post` speaking protocol v1 as it. */
async function runnerWithMonitor(handle: TestDatabase, serverUrl: string) {
  const t = await createRunnerWithMonitor(handle);
  const instanceId = crypto.randomUUID();
  const post = (path: string, body: object) =>
    fetch(`${serverUrl}${path}`, {
      method: "POST",
      headers: {
        [RunnerHeaders.authorization]: `Bearer ${t.key}`,
        [RunnerHeaders.runnerId]: t.runner.id,
        [RunnerHeaders.protocolVersion]: String(PROTOCOL_VERSION),
      },
      body: JSON.stringify({ instanceId, ...body }),
    });
  await post(RunnerRoutes.registerInstance, { hostname: "edge", os: "linux", runnerVersion: "0.1.0" });
  return { ...t, post };
}

// Several console processes share one PostgreSQL database; a run queued by one must wake the
// claims waiting in the others at once, not at their next re-check. "Another process" here is a
// second connection pool doing what another console would: insert the run, NOTIFY.
describe.runIf(process.env.OUTPOST_TEST_DB === "postgres")("queue events across console processes", () => {
  let handle: TestDatabase;
  let otherProcess: NonNullable<DatabaseHandle["pool"]>;
  let otherHandle: DatabaseHandle;
  let shared: Listener;
  let server: Awaited<ReturnType<typeof serveFetch>>;
  beforeAll(async () => {
    handle = await createTestDatabase();
    otherHandle = openDatabase({ kind: "postgres", url: handle.url!, poolSize: 2 });
    otherProcess = otherHandle.pool!;
    shared = await shareQueueEvents(handle.pool!);
    // A re-check far beyond the test's patience: only a notification can answer in time.
    const gateway = createRunnerGateway({ getDb: async () => handle.db, secrets: () => testSecrets, log: () => {}, recheckMs: 60_000 });
    server = await serveFetch((request) => gateway.handle(request));
  });
  afterAll(async () => {
    await server?.close();
    await shared?.close();
    await otherHandle?.close();
    await handle?.close();
  });

  it("wakes a claim waiting here when another process queues a run", async () => {
    const t = await runnerWithMonitor(handle, server.url);
    const started = Date.now();
    const claim = t.post(RunnerRoutes.claimRuns, { max: 1, waitMs: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await otherProcess.query(
      "insert into runs (team_id, monitor_id, runner_id, type, scheduled_for) values ($1, $2, $3, 'manual', now())",
      [t.team.id, t.monitor.id, t.runner.id],
    );
    await otherProcess.query("select pg_notify('outpost_runs_queued', $1)", [`another-process ${t.runner.id}`]);

    const { jobs } = (await (await claim).json()) as ClaimRunsResponse;
    expect(jobs.map((job) => job.monitor.id)).toEqual([t.monitor.id]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("tells the other processes about a run queued here", async () => {
    const t = await runnerWithMonitor(handle, server.url);
    const listening = await otherProcess.connect();
    try {
      const heard = new Promise<string>((resolve) => listening.on("notification", (message) => resolve(message.payload ?? "")));
      await listening.query("LISTEN outpost_runs_queued");
      await t.as("developer").monitor.runNow({ workspaceId: t.w1.id, monitorId: t.monitor.id });
      expect((await heard).split(" ")[1]).toBe(t.runner.id);
    } finally {
      await listening.query("UNLISTEN outpost_runs_queued");
      listening.release();
    }
  });
});

// Shutting down is one-way for the process (this file's worker), so this comes last.
describe("queue events when the console shuts down", () => {
  let handle: TestDatabase;
  let server: Awaited<ReturnType<typeof serveFetch>>;
  beforeAll(async () => {
    handle = await createTestDatabase();
    // A re-check far beyond the test's patience: only the shutdown can answer the claim in time.
    const gateway = createRunnerGateway({ getDb: async () => handle.db, secrets: () => testSecrets, log: () => {}, recheckMs: 60_000 });
    server = await serveFetch((request) => gateway.handle(request));
  });
  afterAll(async () => {
    await server?.close();
    await handle?.close();
  });

  it("answers a waiting claim with no runs at once, and hands out none of the runs queued meanwhile", async () => {
    const t = await runnerWithMonitor(handle, server.url);
    const claim = t.post(RunnerRoutes.claimRuns, { max: 1, waitMs: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Queued without a wake-up: the waiting claim would find it at its next re-check, after the shutdown.
    const run = await createRun(handle.db, { id: t.monitor.id, teamId: t.team.id }, { runnerId: t.runner.id, status: "queued", type: "manual" });

    const started = Date.now();
    closeQueueEvents();
    const answer = await claim;
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as ClaimRunsResponse).jobs).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2_000);

    // A claim arriving during the shutdown is not handed the run either; it waits for another process.
    const late = (await (await t.post(RunnerRoutes.claimRuns, { max: 1, waitMs: 20_000 })).json()) as ClaimRunsResponse;
    expect(late.jobs).toEqual([]);
    const [row] = await handle.db.select({ status: runs.status }).from(runs).where(eq(runs.id, run.id));
    expect(row?.status).toBe("queued");
  });
});
