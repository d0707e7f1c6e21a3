import { RESULT_LIMITS, RunResult, type EnvironmentValue } from "@outpost/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeJob, type ExecuteJobOptions } from "./execute-job";
import { collectionOf, json, requestItem, runOptions, startTestServer, type TestServer } from "./test-support/fixtures";

let server: TestServer;
const received: { query: string | null; authorization: string | undefined }[] = [];

beforeAll(async () => {
  server = await startTestServer({
    "/echo": (req, res, hit) => {
      received.push({
        query: new URL(req.url ?? "/", "http://x").searchParams.get("token"),
        authorization: req.headers.authorization,
      });
      json({ hit })(req, res, hit);
    },
    "/health": json({ ok: true }),
    "/to-metadata": (_req, res) => res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end(),
  });
});
afterAll(() => server.close());

async function run(
  items: Record<string, unknown>[],
  environment: EnvironmentValue[] = [],
  opts: ExecuteJobOptions = {},
) {
  const result = await executeJob({ collection: collectionOf(...items), environment, options: runOptions() }, opts);
  expect(() => RunResult.parse(result)).not.toThrow();
  return result;
}

describe("executeJob: environment and secrets", () => {
  const secret = "s3cr3t T0ken/42";

  it("substitutes environment values and masks secret ones in every string of the result", async () => {
    received.length = 0;
    const environment = [
      { key: "baseUrl", value: server.url, secret: false },
      { key: "token", value: secret, secret: true },
    ];
    const result = await run(
      [
        requestItem("Echo {{token}}", "{{baseUrl}}/echo?token={{token}}", {
          header: [{ key: "Authorization", value: "Bearer {{token}}" }],
          tests: [
            'const token = pm.environment.get("token");',
            'console.log("token is", token, { token });',
            'pm.test("token is " + token, () => pm.expect(token).to.equal("other"));',
          ],
        }),
        requestItem("Throws", "{{baseUrl}}/health", { tests: ['throw new Error("leaked " + pm.environment.get("token"));'] }),
      ],
      environment,
    );

    // The server saw the real values...
    expect(received).toEqual([{ query: secret, authorization: `Bearer ${secret}` }]);
    // ...the result never does, in any form a URL or script could have given it.
    const text = JSON.stringify(result);
    for (const form of [secret, encodeURIComponent(secret), encodeURI(secret), "s3cr3t"]) {
      expect(text).not.toContain(form);
    }
    expect(result.executions[0]?.url).toBe(`${server.url}/echo?token=********`);
    expect(result.executions[0]?.assertions[0]).toEqual({
      name: "token is ********",
      passed: false,
      errorMessage: "expected '********' to equal 'other'",
    });
    expect(result.consoleLines.map((l) => l.message)).toContain('token is ******** {"token":"********"}');
    expect(result.outcome).toBe("error");
    expect(result.errorMessage).toBe("Throws: Test script error: leaked ********");
  });
});

describe("executeJob: blocked addresses", () => {
  const blocked = /^Request to \S+ blocked: cloud metadata addresses/;

  it("blocks cloud metadata addresses by default, by IP, IPv6 and name", async () => {
    const started = Date.now();
    const result = await run([
      requestItem("AWS", "http://169.254.169.254/latest/meta-data/iam/security-credentials/"),
      requestItem("AWS v6", "http://[fd00:ec2::254]/latest/meta-data/"),
      requestItem("GCP", "http://metadata.google.internal/computeMetadata/v1/"),
      requestItem("Decimal", "http://2852039166/latest/meta-data/"),
    ]);

    expect(result.outcome).toBe("error");
    expect(result.executions.map((e) => e.error)).toEqual([
      expect.stringMatching(blocked),
      expect.stringMatching(blocked),
      expect.stringMatching(blocked),
      expect.stringMatching(blocked),
    ]);
    expect(result.executions.every((e) => e.statusCode === null)).toBe(true);
    // Refused before connecting: nothing waited for a network timeout.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("blocks a redirect to a metadata address", async () => {
    const result = await run([requestItem("Redirect", `${server.url}/to-metadata`)]);

    expect(result.executions[0]?.error).toBe(
      "Request to 169.254.169.254 blocked: cloud metadata addresses (and any other blocked host) cannot be reached from a monitor run",
    );
  });

  it("takes the caller's list instead, applied to names after DNS too", async () => {
    const port = new URL(server.url).port;
    const hitsBefore = server.hits("/health");
    const result = await run(
      [requestItem("By IP", `${server.url}/health`), requestItem("By name", `http://localhost:${port}/health`)],
      [],
      { blockedHosts: ["127.0.0.0/8", "::1"] },
    );

    expect(result.executions.map((e) => e.error)).toEqual([expect.stringMatching(blocked), expect.stringMatching(blocked)]);
    expect(server.hits("/health")).toBe(hitsBefore);
  });
});

describe("executeJob: result limits", () => {
  it("truncates long text and caps console lines and assertions so the result stays valid", async () => {
    const result = await run([
      requestItem("Chatty", `${server.url}/health`, {
        tests: [
          'console.log("x".repeat(25000));',
          "for (let i = 0; i < 2500; i++) console.log('line ' + i);",
          'pm.test("y".repeat(25000), () => {});',
          "for (let i = 0; i < 250; i++) pm.test('test ' + i, () => pm.expect(i).to.not.equal(249));",
        ],
      }),
    ]);

    const long = result.consoleLines.find((l) => l.message.startsWith("xxx"));
    expect(long?.message).toHaveLength(RESULT_LIMITS.text);
    expect(long?.message.endsWith("…")).toBe(true);
    expect(result.consoleLines).toHaveLength(RESULT_LIMITS.consoleLines);
    expect(result.consoleLines.at(-2)?.message).toMatch(/^\d+ console lines were not kept$/);
    expect(result.consoleLines.at(-1)?.message).toMatch(/^Run finished: failure/);

    const assertions = result.executions[0]?.assertions ?? [];
    expect(assertions).toHaveLength(RESULT_LIMITS.assertionsPerExecution);
    expect(assertions[0]?.name).toHaveLength(RESULT_LIMITS.text);
    // The one failing assertion (the last of 251) survives the cut.
    expect(assertions.at(-1)).toMatchObject({ name: "test 249", passed: false });
    expect(result.outcome).toBe("failure");
  });
});
