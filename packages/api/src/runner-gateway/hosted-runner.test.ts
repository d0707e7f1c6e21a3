import { eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROTOCOL_VERSION, RunnerHeaders, RunnerRoutes, type Job, type RunResult } from "@outpost/contracts";
import { runnerInstances, runs, usageMonths } from "@outpost/db";
import { createCollection, createTestDatabase, type TestDatabase } from "@outpost/db/testing";
import { createHostedRunnerCredential, HOSTED_RUNNER_ID } from "../services/dispatch/runner-identity";
import { testSecrets } from "../testing/caller";
import { createRunnerTeam } from "../testing/runner-fixtures";
import { serveFetch } from "../testing/serve";
import { createRunnerGateway } from "./gateway";

// The console's hosted runner speaks the same protocol as private runners, with an identity of its
// own: it takes every team's Auto-select runs and nothing else, and nothing else takes them.

let handle: TestDatabase;
const hosted = createHostedRunnerCredential();
let server: Awaited<ReturnType<typeof serveFetch>>;
beforeAll(async () => {
  handle = await createTestDatabase();
  const gateway = createRunnerGateway({ getDb: async () => handle.db, secrets: () => testSecrets, log: () => {}, hostedRunner: () => hosted });
  server = await serveFetch((request) => gateway.handle(request));
});
afterAll(async () => {
  await server?.close();
  await handle?.close();
});

function client(runnerId: string, key: string) {
  const instanceId = crypto.randomUUID();
  const post = (path: string, body: object) =>
    fetch(`${server.url}${path}`, {
      method: "POST",
      headers: {
        [RunnerHeaders.authorization]: `Bearer ${key}`,
        [RunnerHeaders.runnerId]: runnerId,
        [RunnerHeaders.protocolVersion]: String(PROTOCOL_VERSION),
        "content-type": "application/json",
      },
      body: JSON.stringify({ instanceId, ...body }),
    });
  return {
    instanceId,
    post,
    register: () => post(RunnerRoutes.registerInstance, { hostname: "console-1", os: "linux", runnerVersion: "0.1.0" }),
    claim: async (max = 10) => ((await (await post(RunnerRoutes.claimRuns, { max, waitMs: 0 })).json()) as { jobs: Job[] }).jobs,
  };
}

/** A team with one Auto-select monitor and one on a private runner, each with a run queued. */
async function teamWithQueuedRuns() {
  const t = await createRunnerTeam(handle);
  const { runner, key } = await t.as("admin").runner.create({ name: "Edge", description: "", source: "runner_settings" });
  const collection = await createCollection(handle.db, t.team.id, t.w1.id);
  const monitor = (name: string, runners: { mode: "auto" } | { mode: "manual"; runnerIds: string[] }) =>
    t.as("admin").monitor.create({ workspaceId: t.w1.id, name, collectionId: collection.id, schedule: { kind: "interval", minutes: 60 }, runners });
  const auto = await monitor("Auto", { mode: "auto" });
  const manual = await monitor("Manual", { mode: "manual", runnerIds: [runner.id] });
  for (const m of [auto, manual]) await t.as("developer").monitor.runNow({ workspaceId: t.w1.id, monitorId: m.id });
  return { ...t, runner, key, auto, manual };
}

const result: RunResult = {
  outcome: "successful",
  errorMessage: null,
  startedAt: new Date().toISOString(),
  finishedAt: new Date().toISOString(),
  requestCount: 3,
  executions: [],
  consoleLines: [],
};

describe("the hosted runner over protocol v1", () => {
  it("takes every team's Auto-select runs and no private runner's", async () => {
    const a = await teamWithQueuedRuns();
    const b = await teamWithQueuedRuns();
    const console1 = client(HOSTED_RUNNER_ID, hosted.key);
    const registered = await console1.register();
    expect(await registered.json()).toMatchObject({ runnerId: HOSTED_RUNNER_ID, runnerName: "Hosted runner" });
    const [instance] = await handle.db.select().from(runnerInstances).where(eq(runnerInstances.id, console1.instanceId));
    expect(instance).toMatchObject({ runnerId: null, hostname: "console-1" });

    const jobs = await console1.claim();
    const mine = jobs.filter((job) => [a.auto.id, b.auto.id].includes(job.monitor.id));
    expect(mine.map((job) => job.monitor.id).sort()).toEqual([a.auto.id, b.auto.id].sort());
    expect(jobs.map((job) => job.monitor.id)).not.toContain(a.manual.id);

    // The private runner finds only its own run; the Auto-select ones are gone or were never its.
    const edge = client(a.runner.id, a.key);
    await edge.register();
    expect((await edge.claim()).map((job) => job.monitor.id)).toEqual([a.manual.id]);

    const job = jobs.find((j) => j.monitor.id === b.auto.id)!;
    const submitted = await console1.post(RunnerRoutes.submitResult(job.runId), { leaseId: job.lease.id, result });
    expect(await submitted.json()).toEqual({ accepted: true, duplicate: false });
    const [run] = await handle.db.select().from(runs).where(eq(runs.id, job.runId));
    expect(run).toMatchObject({ status: "finished", outcome: "successful", runnerId: null, instanceId: console1.instanceId });
    const [usage] = await handle.db.select().from(usageMonths).where(eq(usageMonths.teamId, b.team.id));
    expect(usage?.requestCount).toBe(3);
  });

  it("refuses the hosted identity with any other key, and a private runner's key for it", async () => {
    const a = await teamWithQueuedRuns();
    const other = createHostedRunnerCredential();
    const refusals = [
      client(HOSTED_RUNNER_ID, other.key), // another console's hosted key
      client(HOSTED_RUNNER_ID, a.key), // a private runner's key
      client(a.runner.id, hosted.key), // the hosted key under a private runner's id
    ];
    for (const refused of refusals) expect((await refused.register()).status).toBe(401);
    const hostedInstances = await handle.db.select().from(runnerInstances).where(isNull(runnerInstances.runnerId));
    expect(hostedInstances.map((i) => i.id)).not.toEqual(expect.arrayContaining(refusals.map((r) => r.instanceId)));
  });

  it("is refused by a console that runs no hosted runner", async () => {
    const gateway = createRunnerGateway({ getDb: async () => handle.db, secrets: () => testSecrets, log: () => {} });
    const bare = await serveFetch((request) => gateway.handle(request));
    try {
      const response = await fetch(`${bare.url}${RunnerRoutes.registerInstance}`, {
        method: "POST",
        headers: {
          [RunnerHeaders.authorization]: `Bearer ${hosted.key}`,
          [RunnerHeaders.runnerId]: HOSTED_RUNNER_ID,
          [RunnerHeaders.protocolVersion]: String(PROTOCOL_VERSION),
        },
        body: JSON.stringify({ instanceId: crypto.randomUUID(), hostname: "x", os: "linux", runnerVersion: "0.1.0" }),
      });
      expect(response.status).toBe(401);
    } finally {
      await bare.close();
    }
  });
});
