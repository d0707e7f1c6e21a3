// The client's result kinds, against a real HTTP server answering canned protocol responses. The
// agent is covered by agent.test.ts, the whole protocol against the real console by
// apps/console/src/runner-agent.e2e.test.ts.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "./client";
import { createConsoleDispatcher } from "./console-connection";

const KEY = "opk_" + "A".repeat(49);
const RUNNER_ID = "0b5c9a52-58f8-4a86-9b8e-8c0f2c1f1d11";
const INSTANCE_ID = "4c1f6a0e-3a55-4a53-8f57-1a8a2d3e9b21";
const RUN_ID = "da78fff5-3d89-4b98-b890-bceb4bff72bd";

let answer: { status: number; body: string } = { status: 200, body: "{}" };
const seen: Array<{ path: string; headers: http.IncomingHttpHeaders; body: unknown }> = [];
let server: http.Server;
let url: string;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      seen.push({ path: req.url!, headers: req.headers, body: JSON.parse(body) });
      const { status, body: out } = answer;
      res.writeHead(status, { "content-type": "application/json" }).end(out);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await dispatcher.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const dispatcher = createConsoleDispatcher();
const client = () => createClient({ url, runnerId: RUNNER_ID, key: KEY, instanceId: INSTANCE_ID, dispatcher, timeoutMs: 2_000 });
const error = (code: string) => JSON.stringify({ error: { code, message: `said ${code}` } });

describe("protocol client", () => {
  it("sends the key, runner id, protocol version and instance id, and parses the answer", async () => {
    answer = { status: 200, body: JSON.stringify({ jobs: [] }) };
    expect(await client().claim({ max: 2, waitMs: 0 })).toEqual({ ok: true, data: { jobs: [] } });
    const last = seen.at(-1)!;
    expect(last.headers).toMatchObject({ authorization: `Bearer ${KEY}`, "x-outpost-runner-id": RUNNER_ID, "x-outpost-protocol-version": "1" });
    expect(last.body).toEqual({ instanceId: INSTANCE_ID, max: 2, waitMs: 0 });
  });

  it.each([
    [401, error("unauthorized"), "unauthorized"],
    [404, error("not_found"), "unknown_instance"],
    [409, error("lease_lost"), "lease_lost"],
    [400, error("unsupported_protocol_version"), "rejected"],
    [413, error("payload_too_large"), "rejected"],
    [200, JSON.stringify({ accepted: false }), "rejected"],
    [429, error("rate_limited"), "unreachable"],
    [500, error("internal"), "unreachable"],
    [503, error("a_code_from_the_future"), "unreachable"],
    [502, "<html>Bad gateway</html>", "unreachable"],
  ])("answers HTTP %i %s as %s", async (status, body, kind) => {
    answer = { status, body };
    const result = await client().renew(RUN_ID, INSTANCE_ID);
    expect(result).toMatchObject({ ok: false, kind });
  });

  it("answers a console that is not there as unreachable", async () => {
    const gone = createClient({ url: "http://127.0.0.1:9", runnerId: RUNNER_ID, key: KEY, instanceId: INSTANCE_ID, dispatcher });
    expect(await gone.register({ hostname: "h", os: "linux", runnerVersion: "0.1.0" })).toMatchObject({ ok: false, kind: "unreachable" });
  });
});
