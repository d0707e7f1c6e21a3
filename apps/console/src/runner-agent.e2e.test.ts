// The private runner end to end: the real `outpost` CLI as its own process, against the real runner
// gateway over HTTP, on the test database. The console must not import the runner, so it is spawned.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRunnerGateway } from "@outpost/api";
import { testSecrets } from "@outpost/api/testing/caller";
import { serveFetch } from "@outpost/api/testing/serve";
import { assertions, runs, usageMonths } from "@outpost/db";
import { createTestDatabase, type TestDatabase } from "@outpost/db/testing";
import { createMonitoredRunner, healthCheck } from "./test-support/monitored-runner";
import { killRunners, spawnRunner as spawnCli } from "./test-support/runner-process";
import { until } from "./test-support/until";

const KEY_REFUSED = "The console no longer accepts this runner's ID and key: the key was reset or the runner deleted. Copy the new command from Runner settings.";

let handle: TestDatabase;
let consoleServer: Awaited<ReturnType<typeof serveFetch>>;
let target: http.Server;
let targetUrl: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  const gateway = createRunnerGateway({ getDb: async () => handle.db, secrets: () => testSecrets, log: () => {} });
  consoleServer = await serveFetch((request) => gateway.handle(request));
  // The API the monitor checks: up, but answering "degraded".
  target = http.createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"status":"degraded"}'));
  await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/health`;
});
afterAll(async () => {
  await killRunners();
  await consoleServer?.close();
  await new Promise((resolve) => target?.close(resolve));
  await handle?.close();
});

const setup = () =>
  createMonitoredRunner(
    handle,
    healthCheck(targetUrl, [
      'pm.test("Status code is 200", () => pm.response.to.have.status(200));',
      'pm.test("Service is ok", () => pm.expect(pm.response.json().status).to.eql("ok"));',
    ]),
  );

/** The real CLI against this file's console. */
const spawnRunner = (args: string[], env: Record<string, string> = {}) => spawnCli(consoleServer.url, args, env);

describe("outpost runner start against the runner gateway", () => {
  it("claims a run, executes it against a real API and delivers the result", async () => {
    const t = await setup();
    const runner = spawnRunner(["--id", t.runner.id, "--key", t.key, "--concurrency", "2"]);
    await t.as("developer").monitor.runNow({ workspaceId: t.w1.id, monitorId: t.monitor.id });

    const run = await until("the run to finish", 20_000, async () => {
      const [row] = await handle.db.select().from(runs).where(eq(runs.monitorId, t.monitor.id));
      return row?.status === "finished" ? row : undefined;
    });
    expect(run).toMatchObject({ outcome: "failure", requestCount: 1, runnerId: t.runner.id });
    const stored = await handle.db.select().from(assertions).where(eq(assertions.runId, run.id)).orderBy(asc(assertions.position));
    expect(stored.map(({ name, passed, errorMessage }) => ({ name, passed, errorMessage }))).toEqual([
      { name: "Status code is 200", passed: true, errorMessage: null },
      { name: "Service is ok", passed: false, errorMessage: expect.stringContaining("expected 'degraded' to deeply equal 'ok'") },
    ]);
    const [usage] = await handle.db.select().from(usageMonths).where(eq(usageMonths.teamId, t.team.id));
    expect(usage?.requestCount).toBe(1);

    // SIGTERM drains and exits 0.
    runner.child.kill("SIGTERM");
    expect(await runner.exited).toBe(0);
    const lines = runner.output.stderr.trim().split("\n").map((line) => JSON.parse(line) as { msg: string });
    expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining(["registered", "run started", "run finished", "result delivered", "stopped"]));
    expect(runner.output.stderr).not.toContain(t.key);
    expect(runner.output.stdout).not.toContain(t.key);
  });

  // The agent waits out its current long-poll (up to 25 s) before it sees the refusal.
  it("exits with code 3 and says why once the key is reset", { timeout: 60_000 }, async () => {
    const t = await setup();
    const runner = spawnRunner(["--id", t.runner.id], { OUTPOST_RUNNER_KEY: t.key });
    await until("the runner to register", 15_000, () => (runner.output.stderr.includes('"msg":"registered"') ? true : undefined));
    await t.as("admin").runner.resetKey({ runnerId: t.runner.id });

    expect(await runner.exited).toBe(3);
    expect(runner.output.stderr).toContain(KEY_REFUSED);
    expect(runner.output.stderr).not.toContain(t.key);
  });
});
