import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RunResult } from "@outpost/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeJob } from "./execute-job";
import { collectionOf, requestItem, runOptions } from "./test-support/fixtures";

// A self-signed certificate made for this test; no key material lives in the repository.
function hasOpenssl(): boolean {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!hasOpenssl())("executeJob: sslValidation", () => {
  let server: Server;
  let url: string;
  const dir = mkdtempSync(join(tmpdir(), "outpost-tls-"));

  beforeAll(async () => {
    const key = join(dir, "key.pem");
    const cert = join(dir, "cert.pem");
    execFileSync("openssl", [
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
    ], { stdio: "ignore" });
    server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) => res.end("secure"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(sslValidation: boolean) {
    const collection = collectionOf(requestItem("Secure", url));
    const result = await executeJob({ collection, environment: [], options: runOptions({ sslValidation }) });
    expect(() => RunResult.parse(result)).not.toThrow();
    return result;
  }

  it("refuses a self-signed certificate when SSL validation is on", async () => {
    const result = await run(true);

    expect(result.outcome).toBe("error");
    expect(result.executions[0]?.error).toBe("self-signed certificate");
  });

  it("accepts it when SSL validation is off, in the same process (no shared connection)", async () => {
    const insecure = await run(false);
    const strictAgain = await run(true);

    expect(insecure.outcome).toBe("successful");
    expect(insecure.executions[0]?.statusCode).toBe(200);
    expect(strictAgain.outcome).toBe("error");
  });
});
