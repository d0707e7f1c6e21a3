// `outpost runner start` as a user runs it: in this process against a console-like server for the
// settings, and as real processes where processes matter (the data directory lock).
import { spawn } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Agent } from "../agent/agent";
import { startConsoleStub, STUB_KEY, STUB_RUNNER_ID, type ConsoleStub } from "../agent/test-support/console-stub";
import { json, startTestServer, type TestServer } from "../executor/test-support/fixtures";
import { startForwardProxy } from "../test-support/forward-proxy";
import { createTestPki, hasOpenssl } from "../test-support/tls";
import { START_USAGE, startCommand } from "./start";

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../bin/outpost.mjs");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "outpost-start-"));
let target: TestServer;
let stub: ConsoleStub;

beforeAll(async () => {
  target = await startTestServer({ "/ping": json({ ok: true }) });
});
afterAll(async () => {
  await target.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});
afterEach(async () => {
  await stub?.close();
});

let dirs = 0;
const dataDir = () => path.join(tmp, `data-${++dirs}`);

/** startCommand in this process, with its output collected and its agent at hand. */
function start(args: string[], env: NodeJS.ProcessEnv = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  let agent: Agent | undefined;
  const exit = startCommand(args, { stdout: (line) => stdout.push(line), stderr: (line) => stderr.push(line) }, { env, onAgent: (a) => (agent = a) });
  const logs = () => stderr.filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as Record<string, unknown>);
  return { exit, stdout, stderr, logs, stop: () => agent?.stop() };
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

const required = (url: string) => ["--url", url, "--id", STUB_RUNNER_ID, "--key", STUB_KEY];

describe("outpost runner start: settings it refuses", () => {
  const notPem = path.join(tmp, "not-a-ca.pem");
  const badPem = path.join(tmp, "bad-block.pem");
  beforeAll(() => {
    fs.writeFileSync(notPem, "this is not a certificate\n");
    fs.writeFileSync(badPem, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
  });

  it("documents every flag and no longer lists any as unsupported", async () => {
    const run = start(["--help"]);
    expect(await run.exit).toBe(0);
    expect(run.stdout).toEqual(START_USAGE);
    const help = run.stdout.join("\n");
    for (const flag of ["--proxy", "--ssl-extra-ca-certs", "--data-dir", "--metrics", "--metrics-port", "--metrics-host"]) expect(help).toContain(flag);
    expect(help).not.toMatch(/not supported/i);
  });

  it.each([
    [["--ssl-extra-ca-certs", path.join(tmp, "missing.pem")], {}, `--ssl-extra-ca-certs: cannot read ${path.join(tmp, "missing.pem")} (ENOENT).`],
    [["--ssl-extra-ca-certs", notPem], {}, `--ssl-extra-ca-certs: ${notPem} holds no PEM certificate`],
    [["--ssl-extra-ca-certs", badPem], {}, `--ssl-extra-ca-certs: certificate 1 of ${badPem} is not a valid X.509 certificate.`],
    [["--proxy", "socks5://ops:hunter22-pw@proxy.internal:1080"], {}, "--proxy must be an http:// or https:// proxy URL"],
    [["--proxy", "http://ops:hunter22-pw@"], {}, "--proxy must be an http:// or https:// proxy URL"],
    [[], { https_proxy: "ftp://ops:hunter22-pw@proxy.internal" }, "The https_proxy environment variable is not an http:// or https:// proxy URL"],
    [["--metrics-port", "9191"], {}, "--metrics-port and --metrics-host need --metrics."],
    [["--metrics", "--metrics-port", "70000"], {}, "--metrics-port must be a port number from 0 to 65535"],
  ])("exits 2 for %j %j", async (args, env, message) => {
    const run = start([...required("http://127.0.0.1:9"), "--data-dir", dataDir(), ...args], env);
    expect(await run.exit).toBe(2);
    expect(run.stderr[0]).toContain(message);
    expect(run.stderr.join("\n")).not.toContain("hunter22-pw");
    expect(run.stderr.join("\n")).not.toContain(STUB_KEY);
  });

  it("exits 2 when the metrics port is taken, and leaves the data directory unlocked", async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const { port } = taken.address() as AddressInfo;
    const dir = dataDir();
    try {
      const run = start([...required("http://127.0.0.1:9"), "--data-dir", dir, "--metrics", "--metrics-port", String(port)]);
      expect(await run.exit).toBe(2);
      expect(run.stderr).toEqual([`outpost runner start: --metrics: Port ${port} on 127.0.0.1 is already in use: choose another with --metrics-port.`]);
      expect(fs.existsSync(path.join(dir, "runner.lock"))).toBe(false);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});

describe("outpost runner start: metrics", () => {
  it("serves /health/live and Prometheus metrics while the agent runs, and stops serving them with it", async () => {
    stub = await startConsoleStub();
    const run = start([...required(stub.url), "--data-dir", dataDir(), "--metrics", "--metrics-port", "0"]);
    const starting = await until("the start line", () => run.logs().find((line) => line.msg === "starting"));
    const metricsUrl = String(starting.metrics);
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const live = await fetch(`${metricsUrl}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: "ok" });
    stub.queue(`${target.url}/ping`);
    await until("the result", () => stub.results[0]);
    await until("the delivery to be logged", () => run.logs().some((line) => line.msg === "result delivered"));

    const scrape = await fetch(`${metricsUrl}/metrics`);
    expect(scrape.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const samples = parseSamples(await scrape.text());
    expect(samples).toMatchObject({
      'outpost_runner_info{version="0.1.0",protocol="1"}': 1,
      outpost_runner_runs_started_total: 1,
      'outpost_runner_runs_finished_total{outcome="successful"}': 1,
      'outpost_runner_runs_finished_total{outcome="failure"}': 0,
      outpost_runner_runs_in_progress: 0,
      'outpost_runner_result_deliveries_total{result="ok"}': 1,
      'outpost_runner_result_deliveries_total{result="failed"}': 0,
      outpost_runner_outbox_results: 0,
      outpost_runner_claim_errors_total: 0,
    });
    expect(samples.outpost_runner_claim_requests_total).toBeGreaterThanOrEqual(1);
    expect(samples.outpost_runner_last_console_contact_timestamp_seconds).toBeGreaterThan(Date.now() / 1000 - 60);
    expect(samples.process_resident_memory_bytes).toBeGreaterThan(1_000_000);

    await run.stop();
    expect(await run.exit).toBe(0);
    await expect(fetch(`${metricsUrl}/health/live`)).rejects.toThrow();
  });
});

/** `name{labels} value` lines into a record; HELP and TYPE lines are checked by prometheus.test.ts. */
function parseSamples(text: string): Record<string, number> {
  const lines = text.trim().split("\n").filter((line) => !line.startsWith("#"));
  return Object.fromEntries(lines.map((line) => [line.slice(0, line.lastIndexOf(" ")), Number(line.slice(line.lastIndexOf(" ") + 1))]));
}

describe("outpost runner start: the network around it", () => {
  it("reaches the console through --proxy and never logs the proxy's credentials or the key", async () => {
    stub = await startConsoleStub();
    const proxy = await startForwardProxy({ credentials: "ops:hunter22-pw" });
    try {
      const run = start([...required(stub.url), "--data-dir", dataDir(), "--proxy", `http://ops:hunter22-pw@127.0.0.1:${proxy.port}`], {
        HTTP_PROXY: "http://127.0.0.1:9",
      });
      stub.queue(`${target.url}/ping`);
      await until("the result", () => stub.results[0]);
      await run.stop();
      expect(await run.exit).toBe(0);

      expect(run.logs().find((line) => line.msg === "starting")).toMatchObject({ proxy: `http://[credentials]@127.0.0.1:${proxy.port}` });
      expect(proxy.seen.map((request) => request.target)).toEqual(expect.arrayContaining([`127.0.0.1:${stub.port}`]));
      // The collection's request went straight to the API.
      expect(proxy.seen.map((request) => request.target).filter((seen) => seen.includes(target.url.slice("http://".length)))).toEqual([]);
      expect(target.hits("/ping")).toBeGreaterThanOrEqual(1);
      const output = run.stderr.join("\n");
      expect(output).not.toContain("hunter22-pw");
      expect(output).not.toContain(STUB_KEY);
    } finally {
      await proxy.close();
    }
  });

  it.skipIf(!hasOpenssl())("trusts --ssl-extra-ca-certs for the console and for the collection's requests", async () => {
    const pki = createTestPki();
    const api = https.createServer({ key: pki.serverKey, cert: pki.serverCert }, (_req, res) => res.writeHead(200).end("{}"));
    await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
    try {
      stub = await startConsoleStub({ tls: { key: pki.serverKey, cert: pki.serverCert } });
      const run = start([...required(stub.url), "--data-dir", dataDir(), "--ssl-extra-ca-certs", pki.caFile]);
      stub.queue(`https://127.0.0.1:${(api.address() as AddressInfo).port}/`);
      const stored = await until("the result", () => stub.results[0]);
      await run.stop();

      expect(await run.exit).toBe(0);
      expect(stored.result).toMatchObject({ outcome: "successful", executions: [{ statusCode: 200, error: null }] });
    } finally {
      api.closeAllConnections();
      await new Promise((resolve) => api.close(resolve));
      pki.cleanup();
    }
  });
});

describe("outpost runner start: one process per data directory", () => {
  it("refuses a second process on the same data directory, naming the first, and frees it on SIGTERM", async () => {
    stub = await startConsoleStub();
    const dir = dataDir();
    const spawnRunner = () => {
      const child = spawn(process.execPath, [bin, "runner", "start", ...required(stub.url), "--data-dir", dir], { stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (chunk) => (stderr += chunk));
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      return { child, exited, stderr: () => stderr };
    };
    const first = spawnRunner();
    try {
      await until("the first runner to register", () => first.stderr().includes('"msg":"registered"'));
      const second = spawnRunner();

      expect(await second.exited).toBe(2);
      expect(second.stderr()).toContain(`outpost runner start: Another runner process (pid ${first.child.pid}) is using the data directory ${dir}.`);

      first.child.kill("SIGTERM");
      expect(await first.exited).toBe(0);
      expect(fs.existsSync(path.join(dir, "runner.lock"))).toBe(false);
    } finally {
      if (first.child.exitCode === null) first.child.kill("SIGKILL");
    }
  });
});
