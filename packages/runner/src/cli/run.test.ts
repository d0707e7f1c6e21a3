import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectionOf, json, requestItem, startTestServer, type TestServer } from "../executor/test-support/fixtures";
import { runCommand, type CommandIo } from "./run";

let server: TestServer;
const dir = mkdtempSync(join(tmpdir(), "outpost-run-"));

function writeJson(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

function capture(): CommandIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (line) => out.push(line), stderr: (line) => err.push(line) };
}

beforeAll(async () => {
  server = await startTestServer({ "/health": json({ ok: true }), "/carts": json({ id: null }, 500) });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const environmentFile = () =>
  writeJson("env.json", {
    name: "Local",
    values: [
      { key: "baseUrl", value: server.url, enabled: true },
      { key: "token", value: "hunter2", type: "secret", enabled: true },
      { key: "baseUrl", value: "http://disabled.invalid", enabled: false },
    ],
  });

describe("runCommand", () => {
  it("prints each request and test with totals, and exits 0 when the run is successful", async () => {
    const collection = writeJson(
      "ok.json",
      collectionOf(
        requestItem("Health", "{{baseUrl}}/health?key={{token}}", {
          tests: ['pm.test("status is 200", () => pm.response.to.have.status(200));', 'console.log("hello");'],
        }),
      ),
    );
    const io = capture();

    const code = await runCommand([collection, "-e", environmentFile()], io);

    expect(code).toBe(0);
    expect(io.err).toEqual([]);
    expect(io.out[0]).toBe("→ Health");
    expect(io.out[1]).toMatch(new RegExp(`^  GET ${server.url}/health\\?key=\\*{8} \\[200, \\d+ ms, 11 B\\]$`));
    expect(io.out).toContain("  ✓ status is 200");
    expect(io.out).toContain("  [log] hello");
    expect(io.out).toContain("Requests: 1 sent");
    expect(io.out).toContain("Tests:    1 passed, 0 failed");
    expect(io.out.at(-1)).toBe("Outcome:  Successful");
    expect(io.out.join("\n")).not.toContain("hunter2");
  });

  it("shows failed tests with their message and exits 1", async () => {
    const collection = writeJson(
      "failing.json",
      collectionOf(
        requestItem("Create cart", "{{baseUrl}}/carts", {
          method: "POST",
          tests: ['pm.test("status is 201", () => pm.response.to.have.status(201));'],
        }),
      ),
    );
    const io = capture();

    const code = await runCommand([collection, "--environment", environmentFile()], io);

    expect(code).toBe(1);
    expect(io.out).toContain("  ✗ status is 201");
    expect(io.out).toContain("      expected response to have status code 201 but got 500");
    expect(io.out).toContain("Tests:    0 passed, 1 failed");
    expect(io.out.at(-1)).toBe("Outcome:  Failure");
  });

  it("reports an unreachable API as Error and exits 1", async () => {
    const collection = writeJson("down.json", collectionOf(requestItem("Down", "http://127.0.0.1:1/")));
    const io = capture();

    expect(await runCommand([collection], io)).toBe(1);
    expect(io.out).toContain("  ! connect ECONNREFUSED 127.0.0.1:1");
    expect(io.out.at(-1)).toBe("Outcome:  Error (Down: connect ECONNREFUSED 127.0.0.1:1)");
  });

  it("explains unusable input on stderr and exits 1", async () => {
    const notJson = join(dir, "broken.json");
    writeFileSync(notJson, "{ nope");
    const cases: [string[], RegExp][] = [
      [[], /Missing the collection file/],
      [[join(dir, "absent.json")], /Cannot read the collection .*absent\.json: ENOENT/],
      [[notJson], /is not valid JSON/],
      [[writeJson("env-only.json", { values: [] })], /has no "item" list/],
      [[writeJson("c.json", collectionOf()), "-e", notJson], /The environment .* is not valid JSON/],
      [["a.json", "--bogus"], /Unknown option '--bogus'/],
    ];
    for (const [argv, message] of cases) {
      const io = capture();
      expect(await runCommand(argv, io)).toBe(1);
      expect(io.err[0]).toMatch(message);
      expect(io.out).toEqual([]);
    }
  });

  it("prints usage for --help and exits 0", async () => {
    const io = capture();

    expect(await runCommand(["--help"], io)).toBe(0);
    expect(io.out[0]).toMatch(/^Usage: outpost run <collection\.json>/);
  });
});
