// After a long loss of the console, the runs whose results wait in the outbox have been handed back
// to the queue: a runner that claimed before delivering would execute them again and see its
// finished results refused. It delivers first.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, startTestServer, type TestServer } from "../executor/test-support/fixtures";
import { startAgent } from "./agent";
import type { LogEntry } from "./log";
import { openOutbox } from "./outbox";
import { startConsoleStub, STUB_KEY, STUB_RUNNER_ID, type ConsoleStub } from "./test-support/console-stub";

let target: TestServer;
let stub: ConsoleStub;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "outpost-deliver-first-"));

beforeAll(async () => {
  target = await startTestServer({ "/ping": json({ ok: true }) });
});
afterAll(async () => {
  await stub?.close();
  await target.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function until(what: string, probe: () => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("agent", () => {
  it("delivers the results in its outbox before it claims new runs", async () => {
    stub = await startConsoleStub();
    stub.failSubmitsWith = 500;
    const logs: LogEntry[] = [];
    const log = (entry: LogEntry) => void logs.push(entry);
    const outbox = openOutbox({ dataDir: dir, runnerId: STUB_RUNNER_ID, log });
    const agent = startAgent({ url: stub.url, runnerId: STUB_RUNNER_ID, key: STUB_KEY, concurrency: 1, log, outbox });
    try {
      stub.queue(`${target.url}/ping`);
      await until("a failed delivery", () => logs.some((entry) => entry.msg === "submit result failed"));
      const claims = () => stub.requests.filter((request) => request.path === "/runs/claim").length;
      const claimsWhileWaiting = claims();
      // The stub answers an empty claim within 200 ms: an agent that claimed anyway would have done so several times.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(claims() - claimsWhileWaiting).toBeLessThanOrEqual(1);

      stub.failSubmitsWith = null;
      await until("the result", () => stub.results.length === 1);
      // Delivered, the way is clear: claims go on.
      await until("claims again", () => claims() > claimsWhileWaiting + 1);
    } finally {
      await agent.stop();
    }
  });
});
