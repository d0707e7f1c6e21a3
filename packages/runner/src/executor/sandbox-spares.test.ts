import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { executeJob } from "./execute-job";
import { installSandboxSpares, type SandboxSpares } from "./sandbox-spares";
import { collectionOf, json, requestItem, runOptions, startTestServer, type TestServer } from "./test-support/fixtures";

let server: TestServer;
let spares: SandboxSpares | undefined;

beforeAll(async () => {
  server = await startTestServer({ "/health": json({ ok: true }) });
});
afterAll(() => server.close());
afterEach(async () => {
  await spares?.close();
  spares = undefined;
});

async function untilReady(warm: SandboxSpares, count: number) {
  const deadline = Date.now() + 20_000;
  while (warm.stats().ready < count) {
    if (Date.now() > deadline) throw new Error("the spare sandboxes did not boot");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return warm;
}

async function sparesReady(count: number) {
  spares = installSandboxSpares(count);
  return untilReady(spares, count);
}

const scripted = (tests: string[]) => collectionOf(requestItem("Health", `${server.url}/health`, { tests }));

describe("warm sandboxes", () => {
  it("give a run a booted sandbox that records tests and console lines as a fresh one does", async () => {
    const warm = await sparesReady(1);
    const result = await executeJob({
      collection: scripted(['console.log("from the script");', 'pm.test("status is 200", () => pm.response.to.have.status(200));']),
      environment: [],
      options: runOptions(),
    });

    expect(warm.stats().handedOut).toBe(1);
    expect(result.outcome).toBe("successful");
    expect(result.executions[0]?.assertions).toEqual([{ name: "status is 200", passed: true, errorMessage: null }]);
    expect(result.consoleLines.map((line) => line.message)).toContain("from the script");
  });

  it("never share a sandbox: what one run's script leaves behind is not there in the next", async () => {
    const warm = await sparesReady(1);
    const options = runOptions();
    const leave = requestItem("Leave", `${server.url}/health`, { tests: ["leftBehind = 'run one';"] });
    const find = requestItem("Find", `${server.url}/health`, {
      tests: ['pm.test("left behind", () => pm.expect(typeof leftBehind).to.equal("string"));'],
    });
    // Within one run the scripts share their sandbox, so the check below can see a shared one.
    const first = await executeJob({ collection: collectionOf(leave, find), environment: [], options });
    expect(first.executions[1]?.assertions).toEqual([{ name: "left behind", passed: true, errorMessage: null }]);

    await untilReady(warm, 1);
    const second = await executeJob({
      collection: scripted(['pm.test("clean sandbox", () => pm.expect(typeof leftBehind).to.equal("undefined"));']),
      environment: [],
      options,
    });

    expect(second.executions[0]?.assertions).toEqual([{ name: "clean sandbox", passed: true, errorMessage: null }]);
    expect(warm.stats().handedOut).toBe(2);
  });

  it("hand a run the spare that is still booting when it asks, instead of booting a second one", async () => {
    spares = installSandboxSpares(1);
    const result = await executeJob({ collection: scripted(['pm.test("ok", () => pm.response.to.have.status(200));']), environment: [], options: runOptions() });

    expect(result.outcome).toBe("successful");
    expect(spares.stats().handedOut).toBe(1);
    // The next spare boots once the run's sandbox is disposed.
    await untilReady(spares, 1);
  });

  it("serve more runs at once than there are spares: the others boot their own", async () => {
    const warm = await sparesReady(1);
    const results = await Promise.all(
      Array.from({ length: 3 }, (_, i) =>
        executeJob({ collection: scripted([`pm.test("run ${i}", () => pm.response.to.have.status(200));`]), environment: [], options: runOptions() }),
      ),
    );

    expect(results.map((r) => r.outcome)).toEqual(["successful", "successful", "successful"]);
    expect(results.map((r) => r.executions[0]?.assertions[0]?.name)).toEqual(["run 0", "run 1", "run 2"]);
    expect(warm.stats().handedOut).toBeGreaterThanOrEqual(1);
  });

  it("keep a run's time limit: a script that never ends is stopped", async () => {
    await sparesReady(1);
    const result = await executeJob({
      collection: scripted(["while (true) {}"]),
      environment: [],
      options: runOptions({ maxRunDurationMs: 1_500 }),
    });

    expect(result.outcome).toBe("abort");
    expect(result.errorMessage).toMatch(/maximum run duration of 1500 ms/);
  });
});
