// The runner's outbox and its proxy support end to end: real `outpost` processes against the real
// runner gateway over HTTP on the test database. A result finished while the console was down
// survives the process that made it; console traffic goes through a forward proxy, collection
// requests do not.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRunnerGateway } from "@outpost/api";
import { testSecrets } from "@outpost/api/testing/caller";
import { serveFetch } from "@outpost/api/testing/serve";
import { requestExecutions, runs, usageMonths } from "@outpost/db";
import { createTestDatabase, type TestDatabase } from "@outpost/db/testing";
import { startGatedTarget } from "./test-support/gated-target";
import { createMonitoredRunner, healthCheck } from "./test-support/monitored-runner";
import { killRunners, spawnRunner, type RunnerProcess } from "./test-support/runner-process";
import { until } from "./test-support/until";

let handle: TestDatabase;
let gateway: ReturnType<typeof createRunnerGateway>;
const cleanups: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  handle = await createTestDatabase();
  gateway = createRunnerGateway({ getDb: async () => handle.db, secrets: () => testSecrets, log: () => {} });
});
afterAll(async () => {
  await killRunners();
  for (const cleanup of cleanups.reverse()) await cleanup();
  await handle?.close();
});

async function startConsole(port?: number) {
  const server = await serveFetch((request) => gateway.handle(request), { port });
  cleanups.push(() => server.close());
  return server;
}

async function startTarget() {
  const target = await startGatedTarget();
  cleanups.push(target.stop);
  return target;
}

function dataDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "outpost-outbox-e2e-"));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A team with a runner and a monitor whose one request goes to `targetUrl`. */
async function setup(targetUrl: string) {
  const t = await createMonitoredRunner(handle, healthCheck(targetUrl));
  /** A runner process of this runner; the key comes from the environment, as in the Docker variant. */
  const spawn = (consoleUrl: string, args: string[], env: Record<string, string> = {}) =>
    spawnRunner(consoleUrl, ["--id", t.runner.id, "--concurrency", "1", ...args], { OUTPOST_RUNNER_KEY: t.key, ...env });
  return { ...t, spawn };
}

async function runRow(runId: string) {
  const [row] = await handle.db.select().from(runs).where(eq(runs.id, runId));
  return row!;
}

const finished = (runId: string, timeoutMs = 30_000) =>
  until(`run ${runId} to finish`, timeoutMs, async () => {
    const row = await runRow(runId);
    return row.status === "finished" ? row : undefined;
  });

async function usageOf(teamId: string) {
  const rows = await handle.db.select().from(usageMonths).where(eq(usageMonths.teamId, teamId));
  return rows.reduce((sum, row) => sum + row.requestCount, 0);
}

const said = (runner: RunnerProcess, msg: string) => runner.logs().some((line) => line.msg === msg);

describe("the runner's outbox", () => {
  it("keeps a result finished while the console was down across a restart, and the new process delivers it once", { timeout: 120_000 }, async () => {
    const target = await startTarget();
    const t = await setup(target.url);
    let consoleServer = await startConsole();
    const dir = dataDir();
    const first = t.spawn(consoleServer.url, ["--data-dir", dir]);
    const firstInstance = await first.registered();
    const runId = await t.runNow();

    // The run is under way when the console goes away; it finishes with nobody to tell.
    await until("the run's request to reach the target", 20_000, () => (target.requests.length === 1 ? true : undefined));
    await consoleServer.close();
    target.open();
    await until("a failed delivery", 20_000, () => (said(first, "submit result failed") ? true : undefined));
    first.child.kill("SIGTERM");

    expect(await first.exited).toBe(0);
    expect(first.logs().at(-1)).toMatchObject({ msg: "stopped", outbox: 1 });
    expect(said(first, "1 result not delivered yet: kept in the outbox for the next start")).toBe(true);
    expect(fs.readdirSync(path.join(dir, "outbox"))).toEqual([expect.stringMatching(new RegExp(`^${runId}\\.`))]);
    expect(await runRow(runId)).toMatchObject({ status: "running", attempt: 1 });

    // The console is back at the same address; a new process (a new instance) starts on the same data directory.
    consoleServer = await startConsole(consoleServer.port);
    const second = t.spawn(consoleServer.url, ["--data-dir", dir]);
    const secondInstance = await second.registered();
    expect(secondInstance).not.toBe(firstInstance);

    const run = await finished(runId);
    expect(run).toMatchObject({ outcome: "successful", attempt: 1, requestCount: 1, instanceId: firstInstance });
    expect(await handle.db.select().from(requestExecutions).where(eq(requestExecutions.runId, runId))).toHaveLength(1);
    expect(await handle.db.select().from(runs).where(eq(runs.monitorId, t.monitor.id))).toHaveLength(1);
    expect(await usageOf(t.team.id)).toBe(1);
    await until("the runner to log the delivery", 10_000, () => (said(second, "result delivered") ? true : undefined));
    expect(fs.readdirSync(path.join(dir, "outbox"))).toEqual([]);
    expect(second.logs().filter((line) => line.runId === runId).map(({ msg, duplicate }) => ({ msg, duplicate }))).toEqual([
      { msg: "result delivered", duplicate: false },
    ]);
    // Executed once: the second process delivered the first one's result, it did not run the monitor again.
    expect(target.requests).toHaveLength(1);

    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    expect(second.logs().at(-1)).toMatchObject({ msg: "stopped", outbox: 0 });
    expect(await usageOf(t.team.id)).toBe(1);
  });
});

type ProxiedRequest = { method: string; target: string; proxyAuthorization: string | undefined };

/**
 * A forward proxy in front of the network, as the runner's operators have: it tunnels CONNECT
 * requests for callers with the right credentials and records everything it is asked.
 */
async function startProxy(credentials: string) {
  const seen: ProxiedRequest[] = [];
  const expected = `Basic ${Buffer.from(credentials).toString("base64")}`;
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    // Plain forwarding is recorded but not served: nothing here should ask for it.
    seen.push({ method: req.method ?? "", target: req.url ?? "", proxyAuthorization: req.headers["proxy-authorization"] });
    res.writeHead(502).end();
  });
  server.on("connect", (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const proxyAuthorization = req.headers["proxy-authorization"];
    seen.push({ method: "CONNECT", target: req.url ?? "", proxyAuthorization });
    if (proxyAuthorization !== expected) return void client.end("HTTP/1.1 407 Proxy Authentication Required\r\n\r\n");
    const [host, port] = (req.url ?? "").split(":");
    const upstream = net.connect(Number(port), host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client).on("error", () => {});
      client.pipe(upstream).on("error", () => {});
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("error", () => socket.destroy()).on("close", () => sockets.delete(socket));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { port: (server.address() as AddressInfo).port, seen };
}

describe("the runner behind a forward proxy", () => {
  it("sends its console traffic through --proxy with its credentials, and the collection's requests straight to the API", { timeout: 60_000 }, async () => {
    const proxy = await startProxy("ops:pr0xy-s3cret");
    const target = await startTarget();
    target.open();
    const t = await setup(target.url);
    const consoleServer = await startConsole();
    // HTTP_PROXY names the same proxy without credentials: were it used (for the console instead of
    // --proxy, or for the collection's request), the proxy would refuse or see the API's address.
    const runner = t.spawn(consoleServer.url, ["--data-dir", dataDir(), "--proxy", `http://ops:pr0xy-s3cret@127.0.0.1:${proxy.port}`], {
      HTTP_PROXY: `http://127.0.0.1:${proxy.port}`,
      NO_PROXY: "",
    });
    await runner.registered();
    const runId = await t.runNow();

    expect(await finished(runId)).toMatchObject({ outcome: "successful", requestCount: 1 });
    const consoleAddress = new URL(consoleServer.url).host;
    expect(proxy.seen.length).toBeGreaterThan(0);
    expect(proxy.seen).toEqual(
      proxy.seen.map(() => ({ method: "CONNECT", target: consoleAddress, proxyAuthorization: `Basic ${Buffer.from("ops:pr0xy-s3cret").toString("base64")}` })),
    );
    expect(target.requests).toEqual([{ state: "answered" }]);

    runner.child.kill("SIGTERM");
    expect(await runner.exited).toBe(0);
    expect(runner.logs().find((line) => line.msg === "starting")).toMatchObject({ proxy: `http://[credentials]@127.0.0.1:${proxy.port}` });
    expect(runner.output.stderr).not.toContain("pr0xy-s3cret");
    expect(runner.output.stderr).not.toContain(t.key);
  });
});
