// The built console's shutdown on SIGTERM, as an orchestrator sends it: waiting runner claims are
// released at once, a request in progress still gets its answer, and the process exits 0.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROTOCOL_VERSION, RunnerHeaders, RunnerRoutes, type ClaimRunsResponse } from "@outpost/contracts";
import { callTrpc, missingBuild, signInOverHttp, startBuiltConsole, type BuiltConsole } from "./test-support/built-console";

const skipReason = missingBuild();
if (skipReason) console.warn(`console-shutdown.e2e.test.ts skipped: ${skipReason}`);

describe.skipIf(Boolean(skipReason))("the console on SIGTERM", () => {
  let outpost: BuiltConsole;
  beforeAll(async () => {
    outpost = await startBuiltConsole();
  });
  afterAll(async () => {
    await outpost?.stop();
  });

  /** A POST to the runner protocol whose body arrives in two halves, `gapMs` apart. */
  function slowPost(path: string, headers: Record<string, string>, body: string, gapMs: number) {
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(`${outpost.url}${path}`, { method: "POST", headers: { ...headers, "content-length": Buffer.byteLength(body) } });
      request.on("response", (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
      });
      request.on("error", reject);
      const half = Math.floor(body.length / 2);
      request.write(body.slice(0, half));
      setTimeout(() => request.end(body.slice(half)), gapMs);
    });
  }

  it("releases a waiting claim at once, lets a request in progress finish, and exits 0", async () => {
    const { cookie } = await signInOverHttp(outpost.url);
    const created = await callTrpc(outpost.url, "runner.create", { name: "Edge", description: "", source: "runner_settings" }, { cookie });
    expect(created.status).toBe(200);
    const { runner, key } = created.data as { runner: { id: string }; key: string };
    const headers = {
      "content-type": "application/json",
      [RunnerHeaders.authorization]: `Bearer ${key}`,
      [RunnerHeaders.runnerId]: runner.id,
      [RunnerHeaders.protocolVersion]: String(PROTOCOL_VERSION),
    };
    const instanceId = crypto.randomUUID();
    const post = (path: string, body: object) =>
      fetch(`${outpost.url}${path}`, { method: "POST", headers, body: JSON.stringify({ instanceId, ...body }) });
    expect((await post(RunnerRoutes.registerInstance, { hostname: "edge", os: "linux", runnerVersion: "0.1.0" })).status).toBe(200);

    const health = await fetch(`${outpost.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", database: "ok", scheduler: { status: "ok" } });

    const claim = post(RunnerRoutes.claimRuns, { max: 1, waitMs: 20_000 });
    // A result upload still arriving when the signal comes (for a run this console never handed out).
    const upload = slowPost(
      `/api/runner/v1/runs/${crypto.randomUUID()}/result`,
      headers,
      JSON.stringify({ instanceId, leaseId: crypto.randomUUID(), result: {} }),
      2_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));

    const signalledAt = Date.now();
    outpost.child.kill("SIGTERM");
    const answer = await claim;
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as ClaimRunsResponse).jobs).toEqual([]);
    expect(Date.now() - signalledAt).toBeLessThan(1_500);

    // Answered by the console (a protocol error for a made-up run), not cut off by the shutdown.
    const uploaded = await upload;
    expect(uploaded.status).toBeGreaterThanOrEqual(400);
    expect(uploaded.status).toBeLessThan(500);
    expect(JSON.parse(uploaded.body)).toHaveProperty("error.code");

    const exit = await Promise.race([outpost.exited, new Promise((resolve) => setTimeout(() => resolve("still running"), 20_000))]);
    expect(exit, outpost.output().slice(-2000)).toEqual({ code: 0, signal: null });
    expect(outpost.output()).toContain("SIGTERM: shutting down");
  });
});
