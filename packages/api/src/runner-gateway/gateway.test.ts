import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROTOCOL_VERSION, RunnerHeaders, RunnerRoutes } from "@outpost/contracts";
import { runs } from "@outpost/db";
import { createTestDatabase, type TestDatabase } from "@outpost/db/testing";
import { testSecrets } from "../testing/caller";
import { successfulResult } from "../security/protocol-requests";
import { createRunnerWithMonitor } from "../testing/runner-fixtures";
import { serveFetch } from "../testing/serve";
import { createRunnerGateway, recheckDelay } from "./gateway";

let handle: TestDatabase;
let server: Awaited<ReturnType<typeof serveFetch>>;
beforeAll(async () => {
  handle = await createTestDatabase();
  const gateway = createRunnerGateway({ getDb: async () => handle.db, secrets: () => testSecrets, log: () => {} });
  server = await serveFetch((request) => gateway.handle(request));
});
afterAll(async () => {
  await server?.close();
  await handle?.close();
});

async function setup() {
  const t = await createRunnerWithMonitor(handle);
  const headers = {
    [RunnerHeaders.authorization]: `Bearer ${t.key}`,
    [RunnerHeaders.runnerId]: t.runner.id,
    [RunnerHeaders.protocolVersion]: String(PROTOCOL_VERSION),
    "content-type": "application/json",
  };
  const post = (path: string, body: unknown, extra: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { method: "POST", headers: { ...headers, ...extra }, body: typeof body === "string" ? body : JSON.stringify(body) });
  return { ...t, post, headers };
}

const register = (instanceId: string) => ({ instanceId, hostname: "edge-1", os: "linux", runnerVersion: "0.1.0" });

describe("runner protocol v1 over HTTP", () => {
  it("registers, long-polls, and hands over a run the moment it is queued", async () => {
    const t = await setup();
    const instanceId = crypto.randomUUID();
    const registered = await t.post(RunnerRoutes.registerInstance, register(instanceId));
    expect(registered.status).toBe(200);
    expect(await registered.json()).toMatchObject({ runnerId: t.runner.id, runnerName: "Edge", instanceId });

    const claim = t.post(RunnerRoutes.claimRuns, { instanceId, max: 1, waitMs: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await t.as("developer").monitor.runNow({ workspaceId: t.w1.id, monitorId: t.monitor.id });
    const response = await claim;
    expect(response.status).toBe(200);
    const { jobs } = (await response.json()) as { jobs: Array<{ runId: string; lease: { id: string } }> };
    expect(jobs).toHaveLength(1);

    const result = successfulResult();
    const submitted = await t.post(RunnerRoutes.submitResult(jobs[0]!.runId), { instanceId, leaseId: jobs[0]!.lease.id, result });
    expect(await submitted.json()).toEqual({ accepted: true, duplicate: false });
    const [run] = await handle.db.select().from(runs).where(eq(runs.id, jobs[0]!.runId));
    expect(run).toMatchObject({ status: "finished", outcome: "successful" });
  });

  it("hands no run to a runner that hung up while its claim waited", async () => {
    const t = await setup();
    const instanceId = crypto.randomUUID();
    await t.post(RunnerRoutes.registerInstance, register(instanceId));
    const hangUp = new AbortController();
    const claim = fetch(`${server.url}${RunnerRoutes.claimRuns}`, {
      method: "POST",
      headers: t.headers,
      body: JSON.stringify({ instanceId, max: 1, waitMs: 20_000 }),
      signal: hangUp.signal,
    }).catch(() => "hung up");
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Queued without a wake-up (as another console process would before its NOTIFY arrives), then the runner stops.
    const [queued] = await handle.db
      .insert(runs)
      .values({ teamId: t.team.id, monitorId: t.monitor.id, runnerId: t.runner.id, type: "manual", scheduledFor: new Date() })
      .returning();
    hangUp.abort();
    expect(await claim).toBe("hung up");
    await new Promise((resolve) => setTimeout(resolve, 300));

    const [after] = await handle.db.select().from(runs).where(eq(runs.id, queued!.id));
    expect(after).toMatchObject({ status: "queued", attempt: 0, instanceId: null, leaseId: null });
  });

  it("answers an empty claim when the wait is over", async () => {
    const t = await setup();
    const instanceId = crypto.randomUUID();
    await t.post(RunnerRoutes.registerInstance, register(instanceId));
    const response = await t.post(RunnerRoutes.claimRuns, { instanceId, max: 1, waitMs: 200 });
    expect(await response.json()).toEqual({ jobs: [] });
  });

  it("refuses bad credentials, versions and bodies with clear JSON errors, storing nothing", async () => {
    const t = await setup();
    const other = await setup();
    const instanceId = crypto.randomUUID();
    const cases: Array<[Response, number, string]> = [
      [await t.post(RunnerRoutes.registerInstance, register(instanceId), { authorization: "Bearer opk_wrong" }), 401, "unauthorized"],
      [await t.post(RunnerRoutes.registerInstance, register(instanceId), { authorization: `Bearer ${other.key}` }), 401, "unauthorized"],
      [await t.post(RunnerRoutes.registerInstance, register(instanceId), { [RunnerHeaders.runnerId]: "" }), 401, "unauthorized"],
      [await t.post(RunnerRoutes.registerInstance, register(instanceId), { [RunnerHeaders.protocolVersion]: "2" }), 400, "unsupported_protocol_version"],
      [await t.post(RunnerRoutes.registerInstance, "{not json"), 400, "bad_request"],
      [await t.post(RunnerRoutes.registerInstance, { ...register(instanceId), instanceId: "nope" }), 400, "bad_request"],
      [await t.post(RunnerRoutes.registerInstance, { ...register(instanceId), hostname: "x".repeat(20_000) }), 413, "payload_too_large"],
      [await t.post(RunnerRoutes.claimRuns, { instanceId, max: 1, waitMs: 0 }), 404, "not_found"],
      [await t.post(`${RunnerRoutes.claimRuns}/extra`, {}), 404, "not_found"],
    ];
    for (const [response, status, code] of cases) {
      expect(response.status).toBe(status);
      expect(((await response.json()) as { error: { code: string; message: string } }).error).toMatchObject({
        code,
        message: expect.any(String),
      });
    }
    // Nothing registered from any of them.
    expect((await t.as("admin").runner.get({ runnerId: t.runner.id })).instances).toEqual([]);
  });

  it("stops accepting a key the moment it is reset", async () => {
    const t = await setup();
    const instanceId = crypto.randomUUID();
    expect((await t.post(RunnerRoutes.registerInstance, register(instanceId))).status).toBe(200);
    await t.as("admin").runner.resetKey({ runnerId: t.runner.id });
    const refused = await t.post(RunnerRoutes.claimRuns, { instanceId, max: 1, waitMs: 0 });
    expect(refused.status).toBe(401);
  });
});

describe("recheckDelay", () => {
  it("spreads waiting claims' re-checks over the second half of the period, never past it", () => {
    const delays = Array.from({ length: 2_000 }, () => recheckDelay(5_000));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(2_500);
    expect(Math.max(...delays)).toBeLessThanOrEqual(5_000);
    // Claims that started in the same instant land in every tenth of the window, not on one tick.
    const tenths = new Set(delays.map((delay) => Math.min(9, Math.floor((delay - 2_500) / 250))));
    expect(tenths.size).toBe(10);
  });
});
