import { RunResult } from "@outpost/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeJob } from "./execute-job";
import { collectionOf, json, requestItem, runOptions, startTestServer, type TestServer } from "./test-support/fixtures";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    "/health": json({ ok: true }),
    "/carts": json({ error: "out of stock" }, 500),
  });
});
afterAll(() => server.close());

async function run(collection: Record<string, unknown>) {
  const result = await executeJob({ collection, environment: [], options: runOptions() });
  // Every result must be accepted by the console as is.
  expect(() => RunResult.parse(result)).not.toThrow();
  return result;
}

describe("executeJob: results", () => {
  it("maps requests and pm.test assertions, and fails the run on a failed test", async () => {
    const result = await run(
      collectionOf(
        requestItem("Health", `${server.url}/health`, {
          tests: ['pm.test("status is 200", () => pm.response.to.have.status(200));'],
        }),
        requestItem("Create cart", `${server.url}/carts`, {
          method: "POST",
          tests: [
            'pm.test("status is 201", () => pm.response.to.have.status(201));',
            'pm.test("has an id", () => pm.expect(pm.response.json().id).to.be.a("string"));',
          ],
        }),
      ),
    );

    expect(result.outcome).toBe("failure");
    expect(result.errorMessage).toBeNull();
    expect(result.requestCount).toBe(2);
    const [health, cart] = result.executions;
    expect(health).toMatchObject({
      position: 0,
      requestName: "Health",
      method: "GET",
      url: `${server.url}/health`,
      statusCode: 200,
      responseSizeBytes: JSON.stringify({ ok: true }).length,
      error: null,
      assertions: [{ name: "status is 200", passed: true, errorMessage: null }],
    });
    expect(health?.responseTimeMs).toBeGreaterThanOrEqual(0);
    expect(cart).toMatchObject({ position: 1, method: "POST", statusCode: 500, error: null });
    expect(cart?.assertions).toEqual([
      { name: "status is 201", passed: false, errorMessage: "expected response to have status code 201 but got 500" },
      { name: "has an id", passed: false, errorMessage: "expected undefined to be a string" },
    ]);
  });

  it("is successful when every test passes, and an HTTP error status without tests is not a failure", async () => {
    const result = await run(
      collectionOf(
        requestItem("Health", `${server.url}/health`, { tests: ['pm.test("ok", () => pm.response.to.be.ok);'] }),
        requestItem("Carts", `${server.url}/carts`),
      ),
    );

    expect(result.outcome).toBe("successful");
    expect(result.executions.map((e) => e.statusCode)).toEqual([200, 500]);
  });

  it("captures script console output with its level, between stage lines for start and end", async () => {
    const result = await run(
      collectionOf(
        requestItem("Health", `${server.url}/health`, {
          prerequest: ['console.info("about to call", pm.info.requestName);'],
          tests: [
            'console.log("body", pm.response.json());',
            'console.warn("slow?", 12);',
            'console.error("bad thing");',
            'console.debug("details");',
          ],
        }),
      ),
    );

    const lines = result.consoleLines.map(({ level, message }) => ({ level, message }));
    expect(lines.slice(1, -1)).toEqual([
      { level: "info", message: "about to call Health" },
      { level: "log", message: 'body {"ok":true}' },
      { level: "warn", message: "slow? 12" },
      { level: "error", message: "bad thing" },
      { level: "debug", message: "details" },
    ]);
    expect(lines[0]).toEqual({ level: "stage", message: 'Run started: "Test collection" with 1 request' });
    expect(lines.at(-1)?.level).toBe("stage");
    expect(lines.at(-1)?.message).toMatch(/^Run finished: successful, 1 request sent in \d+ ms$/);
  });

  it("reports a script syntax error as Error", async () => {
    const result = await run(
      collectionOf(requestItem("Health", `${server.url}/health`, { prerequest: ["const x = ;"] })),
    );

    expect(result.outcome).toBe("error");
    expect(result.executions[0]?.error).toMatch(/^Pre-request script error: SyntaxError: Unexpected token/);
    expect(result.errorMessage).toBe(`Health: ${result.executions[0]?.error}`);
  });

  it("reports an exception thrown by a test script as Error", async () => {
    const result = await run(
      collectionOf(
        requestItem("Health", `${server.url}/health`, { tests: ["pm.response.json().missing.field;"] }),
      ),
    );

    expect(result.outcome).toBe("error");
    expect(result.executions[0]?.statusCode).toBe(200);
    expect(result.executions[0]?.error).toMatch(/^Test script error: TypeError: Cannot read properties of undefined/);
  });

  it("reports a refused connection as Error with the network message", async () => {
    const closed = await startTestServer({});
    const url = `${closed.url}/health`;
    await closed.close();

    const result = await run(collectionOf(requestItem("Health", url)));

    expect(result.outcome).toBe("error");
    expect(result.requestCount).toBe(1);
    expect(result.executions[0]).toMatchObject({ statusCode: null, responseTimeMs: null, responseSizeBytes: null });
    expect(result.executions[0]?.error).toMatch(/ECONNREFUSED/);
    expect(result.errorMessage).toMatch(/^Health: connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
  });

  it("reports a request the engine cannot send (empty URL) as Error instead of throwing", async () => {
    const result = await run({ info: { name: "broken" }, item: [{ request: { url: "" } }] });

    expect(result.outcome).toBe("error");
    expect(result.errorMessage).toBe("Untitled request: runtime: request url is empty");
  });
});
