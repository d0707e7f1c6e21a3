import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../bin/outpost.mjs");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "outpost-cli-"));
let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((req, res) => res.writeHead(req.url === "/ok" ? 200 : 503).end("{}"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

function collectionFile(requestPath: string) {
  const file = path.join(dir, `${requestPath.slice(1)}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify({
      info: { name: "CLI", schema: "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
      item: [
        {
          name: "Health",
          request: { method: "GET", url: `${url}${requestPath}` },
          event: [{ listen: "test", script: { exec: ['pm.test("Status code is 200", () => pm.response.to.have.status(200));'] } }],
        },
      ],
    }),
  );
  return file;
}

/** The real `outpost` executable, as a user runs it. */
function outpost(...args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("the outpost executable", () => {
  it("runs a collection once and exits 0 when it passes", async () => {
    const run = await outpost("run", collectionFile("/ok"));
    expect(run.stdout).toContain("✓ Status code is 200");
    expect(run.stdout).toContain("Outcome:  Successful");
    expect(run.code).toBe(0);
  });

  it("exits 1 when a test fails, and 2 for an unknown command", async () => {
    const failed = await outpost("run", collectionFile("/down"));
    expect(failed.stdout).toContain("✗ Status code is 200");
    expect(failed.code).toBe(1);
    const unknown = await outpost("fly");
    expect(unknown.stderr).toContain("Usage: outpost <command>");
    expect(unknown.code).toBe(2);
  });

  it("prints help into a pipe that closes early (as with `| head -1`) without crashing", async () => {
    const child = spawn(process.execPath, [bin, "runner", "start", "--help"], { stdio: ["ignore", "pipe", "pipe"] });
    // Closing the reading end before the process writes: every line it prints meets EPIPE.
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.on("close", resolve));

    expect(stderr).not.toContain("EPIPE");
    expect(code).toBe(0);
  });
});
