import { RunResult, type MonitorRunOptions } from "@outpost/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeJob, type ExecuteJobOptions } from "./execute-job";
import { collectionOf, json, requestItem, runOptions, startTestServer, type TestServer } from "./test-support/fixtures";

let server: TestServer;
const stamps: number[] = [];
const STATUS_200 = ['pm.test("status is 200", () => pm.response.to.have.status(200));'];

beforeAll(async () => {
  server = await startTestServer({
    "/health": json({ ok: true }),
    "/slow": (_req, res) => void setTimeout(() => res.end("late"), 2_000).unref(),
    // Never answers: only an abort ends a request to it.
    "/hang": () => undefined,
    "/flaky": (_req, res, hit) => json({ hit }, hit <= 2 ? 503 : 200)(_req, res, hit),
    "/down": json({ down: true }, 503),
    "/old": (_req, res) => res.writeHead(302, { location: "/health" }).end(),
    "/stamp": (req, res, hit) => {
      stamps.push(Date.now());
      json({ hit })(req, res, hit);
    },
  });
});
afterAll(() => server.close());

async function run(items: Record<string, unknown>[], options: Partial<MonitorRunOptions>, opts?: ExecuteJobOptions) {
  const result = await executeJob({ collection: collectionOf(...items), environment: [], options: runOptions(options) }, opts);
  expect(() => RunResult.parse(result)).not.toThrow();
  return result;
}

describe("executeJob: timeouts and aborts", () => {
  it("fails a request that exceeds requestTimeoutMs and goes on with the next one", async () => {
    const result = await run(
      [requestItem("Slow", `${server.url}/slow`), requestItem("Health", `${server.url}/health`)],
      { requestTimeoutMs: 200 },
    );

    expect(result.outcome).toBe("error");
    expect(result.executions[0]?.error).toBe("Request timed out after 200 ms (ESOCKETTIMEDOUT)");
    expect(result.executions[1]).toMatchObject({ statusCode: 200, error: null });
  });

  it("aborts a run that exceeds maxRunDurationMs, cutting the open request, within a bounded time", async () => {
    const started = Date.now();
    const result = await run(
      [requestItem("Hang", `${server.url}/hang`), requestItem("Health", `${server.url}/health`)],
      { requestTimeoutMs: null, maxRunDurationMs: 1_500 },
    );

    expect(Date.now() - started).toBeLessThan(1_500 + 2_000);
    expect(result.outcome).toBe("abort");
    expect(result.errorMessage).toBe("Run stopped after the maximum run duration of 1500 ms");
    expect(result.executions).toHaveLength(1);
    expect(result.executions[0]?.error).toBe("Request cancelled: the run was aborted");
    expect(result.consoleLines.map((l) => l.message)).toContain(
      "Run aborted: Run stopped after the maximum run duration of 1500 ms",
    );
  });

  it("aborts when the caller's AbortSignal fires", async () => {
    const controller = new AbortController();
    const hang = await startTestServer({
      "/hang": () => void setTimeout(() => controller.abort(new Error("runner shutting down")), 50),
    });
    const result = await run([requestItem("Hang", `${hang.url}/hang`)], { requestTimeoutMs: null }, {
      signal: controller.signal,
    });
    await hang.close();

    expect(result.outcome).toBe("abort");
    expect(result.errorMessage).toBe("Run cancelled: runner shutting down");
  });

  it("does not start when the signal has already fired", async () => {
    const result = await run([requestItem("Health", `${server.url}/health`)], {}, { signal: AbortSignal.abort() });

    expect(result).toMatchObject({ outcome: "abort", errorMessage: "Run cancelled", requestCount: 0, executions: [] });
  });
});

describe("executeJob: retries", () => {
  it("re-runs a failing request until it passes, counting every attempt and keeping the last", async () => {
    const result = await run(
      [requestItem("Flaky", `${server.url}/flaky`, { tests: STATUS_200 }), requestItem("Health", `${server.url}/health`)],
      { retriesOnFailure: 2 },
    );

    expect(result.outcome).toBe("successful");
    expect(result.requestCount).toBe(4);
    expect(result.executions.map((e) => [e.position, e.requestName, e.statusCode])).toEqual([
      [0, "Flaky", 200],
      [1, "Health", 200],
    ]);
    expect(result.executions[0]?.assertions).toEqual([{ name: "status is 200", passed: true, errorMessage: null }]);
    const retries = result.consoleLines.filter((l) => l.level === "stage" && l.message.startsWith("Retrying"));
    expect(retries.map((l) => l.message)).toEqual([
      'Retrying "Flaky" (attempt 2 of 3): test "status is 200" failed',
      'Retrying "Flaky" (attempt 3 of 3): test "status is 200" failed',
    ]);
  });

  it("stops after retriesOnFailure more attempts and reports the last one", async () => {
    const result = await run([requestItem("Down", `${server.url}/down`, { tests: STATUS_200 })], { retriesOnFailure: 1 });

    expect(result.outcome).toBe("failure");
    expect(result.requestCount).toBe(2);
    expect(result.executions).toHaveLength(1);
    expect(result.executions[0]?.assertions[0]?.passed).toBe(false);
  });

  it("retries requests that errored, and not at all with retriesOnFailure 0", async () => {
    const closed = await startTestServer({});
    await closed.close();
    const item = requestItem("Refused", `${closed.url}/x`);

    const retried = await run([item], { retriesOnFailure: 2 });
    const once = await run([item], { retriesOnFailure: 0 });

    expect([retried.outcome, retried.requestCount, retried.executions.length]).toEqual(["error", 3, 1]);
    expect([once.outcome, once.requestCount]).toEqual(["error", 1]);
  });
});

describe("executeJob: redirects and pacing", () => {
  it("follows redirects only when followRedirects is on", async () => {
    const item = requestItem("Old", `${server.url}/old`);

    const followed = await run([item], { followRedirects: true });
    const notFollowed = await run([item], { followRedirects: false });

    expect(followed.executions[0]?.statusCode).toBe(200);
    expect(notFollowed.executions[0]?.statusCode).toBe(302);
    expect(notFollowed.outcome).toBe("successful");
  });

  it("waits delayBetweenRequestsMs between requests", async () => {
    stamps.length = 0;
    await run([requestItem("A", `${server.url}/stamp`), requestItem("B", `${server.url}/stamp`)], {
      delayBetweenRequestsMs: 300,
    });

    expect(stamps).toHaveLength(2);
    expect((stamps[1] ?? 0) - (stamps[0] ?? 0)).toBeGreaterThanOrEqual(290);
  });
});
