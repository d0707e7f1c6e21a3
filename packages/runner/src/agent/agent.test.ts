// The agent against a console-like server on 127.0.0.1 (protocol v1 with its checks), running real
// collections against a real API. The real console is covered by apps/console/src/runner-*.e2e.test.ts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { RunResult } from "@outpost/contracts";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { json, startTestServer, type TestServer } from "../executor/test-support/fixtures";
import { KEY_REFUSED_MESSAGE, startAgent, type Agent, type AgentOptions } from "./agent";
import type { LogEntry } from "./log";
import { openOutbox } from "./outbox";
import { startConsoleStub, STUB_KEY, STUB_RUNNER_ID, type ConsoleStub } from "./test-support/console-stub";

let target: TestServer;
let stub: ConsoleStub;
const dirs: string[] = [];
const agents: Agent[] = [];

beforeAll(async () => {
  target = await startTestServer({
    "/ping": json({ ok: true }),
    "/slow": (req, res, hit) => void setTimeout(() => json({ ok: true })(req, res, hit), 700),
  });
});
afterAll(async () => {
  await target.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await Promise.all(agents.splice(0).map((agent) => agent.stop()));
  await stub?.close();
});

function dataDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "outpost-agent-"));
  dirs.push(dir);
  return dir;
}

function run(dir: string, overrides: Partial<AgentOptions> = {}) {
  const logs: LogEntry[] = [];
  const log = (entry: LogEntry) => void logs.push(entry);
  const outbox = openOutbox({ dataDir: dir, runnerId: STUB_RUNNER_ID, log });
  const agent = startAgent({ url: stub.url, runnerId: STUB_RUNNER_ID, key: STUB_KEY, concurrency: 1, log, outbox, ...overrides });
  agents.push(agent);
  return { agent, logs, outbox };
}

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const outboxFiles = (dir: string) => fs.readdirSync(path.join(dir, "outbox"));
const said = (logs: LogEntry[], msg: string) => logs.some((entry) => entry.msg === msg);

describe("agent", () => {
  it("runs a claimed job, writes its result to disk before sending it, and removes it once delivered", async () => {
    stub = await startConsoleStub();
    const dir = dataDir();
    const onDiskAtFirstSubmit: string[][] = [];
    stub.onRequest = (requestPath) => {
      if (requestPath.endsWith("/result") && onDiskAtFirstSubmit.length === 0) onDiskAtFirstSubmit.push(outboxFiles(dir));
    };
    const job = stub.queue(`${target.url}/ping`);
    const { logs } = run(dir);

    await until("the result", () => stub.results[0]);
    expect(stub.results[0]).toMatchObject({ runId: job.runId, leaseId: job.lease.id, result: { outcome: "successful", requestCount: 1 } });
    expect(onDiskAtFirstSubmit).toEqual([[`${job.runId}.${job.lease.id}.json`]]);
    // The file goes first, then the log line.
    await until("the delivery to be logged", () => said(logs, "result delivered"));
    expect(outboxFiles(dir)).toEqual([]);
  });

  it("keeps a result the console could not take on disk when stopped, and a new process delivers it with its own instance", async () => {
    stub = await startConsoleStub();
    const dir = dataDir();
    const job = stub.queue(`${target.url}/slow`);
    const first = run(dir);
    await until("the run to start", () => said(first.logs, "run started"));
    await stub.down();
    await until("a failed delivery", () => first.logs.some((entry) => entry.msg === "submit result failed"));

    const stopping = Date.now();
    await first.agent.stop();
    expect(await first.agent.done).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(6_000);
    expect(first.logs.at(-1)).toMatchObject({ msg: "stopped", outbox: 1 });
    expect(first.logs.map((entry) => entry.msg)).toContain("1 result not delivered yet: kept in the outbox for the next start");
    const file = path.join(dir, "outbox", `${job.runId}.${job.lease.id}.json`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dir, "outbox")).mode & 0o777).toBe(0o700);
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toMatchObject({ runId: job.runId, leaseId: job.lease.id, result: { outcome: "successful" } });
    expect(fs.readFileSync(file, "utf8")).not.toContain(STUB_KEY);
    const firstInstance = stub.requests.find((request) => request.path === "/instances")?.instanceId;

    await stub.up();
    const second = run(dir);
    expect(second.outbox.size()).toBe(1);
    const stored = await until("the result", () => stub.results[0]);
    expect(stored.runId).toBe(job.runId);
    expect(stored.instanceId).not.toBe(firstInstance);
    expect(stub.instances.has(stored.instanceId)).toBe(true);
    await until("the delivery to be logged", () => said(second.logs, "result delivered"));
    expect(outboxFiles(dir)).toEqual([]);
    await second.agent.stop();
    expect(second.logs.at(-1)).toMatchObject({ msg: "stopped", outbox: 0 });
    expect(stub.results).toHaveLength(1);
  });

  it("claims no new runs while the outbox is full, and claims again once it has room", async () => {
    stub = await startConsoleStub();
    stub.failSubmitsWith = 500;
    const dir = dataDir();
    stub.queue(`${target.url}/ping`);
    const logs: LogEntry[] = [];
    const log = (entry: LogEntry) => void logs.push(entry);
    const outbox = openOutbox({ dataDir: dir, runnerId: STUB_RUNNER_ID, log, limit: 1 });
    const agent = startAgent({ url: stub.url, runnerId: STUB_RUNNER_ID, key: STUB_KEY, concurrency: 1, log, outbox });
    agents.push(agent);

    await until("the full outbox", () => said(logs, "the outbox is full: no new runs are claimed until results are delivered"));
    const claims = () => stub.requests.filter((request) => request.path === "/runs/claim").length;
    const claimsWhenFull = claims();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(claims()).toBe(claimsWhenFull);

    stub.failSubmitsWith = null;
    await until("the result", () => stub.results[0]);
    await until("claims again", () => claims() > claimsWhenFull, 10_000);
  });

  it("pauses after a claim answered with no runs long before its wait was over, instead of asking again at once", async () => {
    // A console shutting down answers waiting claims at once; a runner asking again straight away
    // would send it hundreds of claims a second until it is gone.
    stub = await startConsoleStub({ claimWaitMs: 25_000 });
    stub.closing = true;
    run(dataDir());
    const claims = () => stub.requests.filter((request) => request.path === "/runs/claim").length;
    await until("the first claim", () => claims() > 0);
    const first = claims();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    // 0.5–1 s between claims: three to six in three seconds.
    expect(claims() - first).toBeGreaterThanOrEqual(2);
    expect(claims() - first).toBeLessThanOrEqual(7);

    // The console is back and hands out runs: the runner takes them.
    stub.closing = false;
    stub.queue(`${target.url}/ping`);
    await until("the run after the console is back", () => stub.results[0], 10_000);
  });

  it("stops with exit code 3 after three refusals, and never logs the key", async () => {
    stub = await startConsoleStub();
    const wrongKey = "opk_" + "B".repeat(49);
    const { agent, logs } = run(dataDir(), { key: wrongKey });
    expect(await agent.done).toBe(3);
    expect(logs.map((entry) => entry.msg)).toContain(KEY_REFUSED_MESSAGE);
    expect(stub.requests.filter((request) => request.path === "/instances").length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(logs)).not.toContain(wrongKey.slice(4, 20));
  });

  it("on stop(), lets the running run finish and delivers its result before exiting 0", async () => {
    stub = await startConsoleStub();
    const job = stub.queue(`${target.url}/ping`);
    let release: () => void = () => {};
    const execute = async (_job: unknown, { signal }: { signal?: AbortSignal }): Promise<RunResult> => {
      await new Promise<void>((resolve) => (release = resolve));
      const at = new Date().toISOString();
      return { outcome: signal?.aborted ? "abort" : "successful", errorMessage: null, startedAt: at, finishedAt: at, requestCount: 3, executions: [], consoleLines: [] };
    };
    const { agent, logs } = run(dataDir(), { execute });
    await until("the run to start", () => said(logs, "run started"));
    const stopping = agent.stop();
    setTimeout(() => release(), 200);
    await stopping;

    expect(await agent.done).toBe(0);
    expect(stub.results).toMatchObject([{ runId: job.runId, leaseId: job.lease.id, result: { outcome: "successful", requestCount: 3 } }]);
    expect(logs.at(-1)).toMatchObject({ msg: "stopped", outbox: 0 });
  });

  it("stops with exit code 0 on stop() while the console is unreachable", async () => {
    stub = await startConsoleStub();
    await stub.down();
    const { agent } = run(dataDir());
    await new Promise((resolve) => setTimeout(resolve, 200));
    await agent.stop();
    expect(await agent.done).toBe(0);
  });
});
