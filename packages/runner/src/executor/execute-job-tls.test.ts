import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import tls from "node:tls";
import { RunResult } from "@outpost/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPki, hasOpenssl, type TestPki } from "../test-support/tls";
import { executeJob } from "./execute-job";
import { collectionOf, requestItem, runOptions } from "./test-support/fixtures";

// An API behind a certificate from a private CA, as inside many companies.
describe.skipIf(!hasOpenssl())("executeJob: TLS", () => {
  let pki: TestPki;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    pki = createTestPki();
    server = createServer({ key: pki.serverKey, cert: pki.serverCert }, (_req, res) => res.end("secure"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    pki.cleanup();
  });

  async function run(sslValidation: boolean, trustedCa?: string[]) {
    const collection = collectionOf(requestItem("Secure", url));
    const result = await executeJob({ collection, environment: [], options: runOptions({ sslValidation }) }, { trustedCa });
    expect(() => RunResult.parse(result)).not.toThrow();
    return result;
  }

  it("refuses a certificate from an unknown CA when SSL validation is on", async () => {
    const result = await run(true);

    expect(result.outcome).toBe("error");
    expect(result.executions[0]?.error).toBe("unable to verify the first certificate");
  });

  it("accepts it when SSL validation is off, in the same process (no shared connection)", async () => {
    const insecure = await run(false);
    const strictAgain = await run(true);

    expect(insecure.outcome).toBe("successful");
    expect(insecure.executions[0]?.statusCode).toBe(200);
    expect(strictAgain.outcome).toBe("error");
  });

  it("accepts it with validation on once its CA is trusted, and only for that run", async () => {
    const trusted = await run(true, [...tls.rootCertificates, pki.caCert]);
    const untrustedAgain = await run(true);

    expect(trusted.outcome).toBe("successful");
    expect(trusted.executions[0]?.statusCode).toBe(200);
    expect(untrustedAgain.outcome).toBe("error");
  });
});
