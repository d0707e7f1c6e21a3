// The runner's way to the console: through a real forward proxy and to a real HTTPS server whose
// certificate comes from a private CA, as in a locked-down network.
import https from "node:https";
import type { AddressInfo } from "node:net";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startForwardProxy, type ForwardProxy } from "../test-support/forward-proxy";
import { createTestPki, hasOpenssl, type TestPki } from "../test-support/tls";
import { createClient } from "./client";
import { createConsoleDispatcher, describeProxy, DIRECT, proxySecrets, resolveProxySettings, type ProxySettings } from "./console-connection";
import { startConsoleStub, STUB_KEY, STUB_RUNNER_ID, type ConsoleStub } from "./test-support/console-stub";

const INSTANCE_ID = "4c1f6a0e-3a55-4a53-8f57-1a8a2d3e9b21";
const HOST = { hostname: "edge-1", os: "linux", runnerVersion: "0.1.0" };

describe("proxy settings", () => {
  it("takes --proxy over every variable, NO_PROXY included", () => {
    const env = { HTTPS_PROXY: "http://env-proxy:3128", NO_PROXY: "console.internal" };
    expect(resolveProxySettings("http://flag-proxy:8080", env)).toEqual({ httpProxy: "http://flag-proxy:8080", httpsProxy: "http://flag-proxy:8080", noProxy: "" });
  });

  it("reads the variables lower-case first, and lets an HTTPS console fall back to HTTP_PROXY", () => {
    expect(resolveProxySettings(undefined, { https_proxy: "http://lower:1", HTTPS_PROXY: "http://upper:1", no_proxy: "a", NO_PROXY: "b" })).toEqual({
      httpProxy: "",
      httpsProxy: "http://lower:1",
      noProxy: "a",
    });
    expect(resolveProxySettings(undefined, { HTTP_PROXY: "proxy.internal:3128" })).toEqual({
      httpProxy: "http://proxy.internal:3128",
      httpsProxy: "http://proxy.internal:3128",
      noProxy: "",
    });
    expect(resolveProxySettings(undefined, {})).toEqual(DIRECT);
  });

  it("shows a proxy without its credentials, and lists them for redaction", () => {
    const settings = resolveProxySettings("http://ops:s3cr%40t-pw@proxy.internal:3128", {});
    expect(describeProxy(settings.httpsProxy)).toBe("http://[credentials]@proxy.internal:3128");
    expect(describeProxy("")).toBe("none");
    expect(proxySecrets(settings)).toEqual(expect.arrayContaining(["s3cr%40t-pw", "s3cr@t-pw", "http://ops:s3cr%40t-pw@proxy.internal:3128"]));
    expect(proxySecrets(resolveProxySettings("http://proxy.internal:3128", {}))).toEqual([]);
  });
});

describe("the console connection through a forward proxy", () => {
  let stub: ConsoleStub;
  let proxy: ForwardProxy;
  beforeAll(async () => {
    stub = await startConsoleStub();
    proxy = await startForwardProxy({ credentials: "ops:s3cret-pw" });
  });
  afterAll(async () => {
    await stub.close();
    await proxy.close();
  });

  async function register(proxySettings: ProxySettings) {
    const dispatcher = createConsoleDispatcher({ proxy: proxySettings });
    try {
      const client = createClient({ url: stub.url, runnerId: STUB_RUNNER_ID, key: STUB_KEY, instanceId: INSTANCE_ID, dispatcher });
      return await client.register(HOST);
    } finally {
      await dispatcher.destroy();
    }
  }

  it("tunnels through the proxy, with its credentials", async () => {
    const before = proxy.seen.length;
    const answer = await register(resolveProxySettings(`http://ops:s3cret-pw@127.0.0.1:${proxy.port}`, {}));

    expect(answer.ok).toBe(true);
    expect(proxy.seen.slice(before)).toEqual([
      { method: "CONNECT", target: `127.0.0.1:${stub.port}`, proxyAuthorization: `Basic ${Buffer.from("ops:s3cret-pw").toString("base64")}` },
    ]);
  });

  it("reports wrong proxy credentials as an unreachable console", async () => {
    const answer = await register(resolveProxySettings(`http://ops:wrong@127.0.0.1:${proxy.port}`, {}));
    expect(answer).toMatchObject({ ok: false, kind: "unreachable", message: expect.stringContaining("407") });
  });

  it("goes direct to a host in NO_PROXY", async () => {
    const before = proxy.seen.length;
    const answer = await register(resolveProxySettings(undefined, { HTTP_PROXY: proxy.url, NO_PROXY: "localhost,127.0.0.1" }));

    expect(answer.ok).toBe(true);
    expect(proxy.seen.slice(before)).toEqual([]);
  });
});

describe.skipIf(!hasOpenssl())("an HTTPS console with a certificate from a private CA", () => {
  let pki: TestPki;
  let server: https.Server;
  let url: string;
  let proxy: ForwardProxy;
  beforeAll(async () => {
    pki = createTestPki();
    server = https.createServer({ key: pki.serverKey, cert: pki.serverCert }, (_req, res) => {
      const body = { runnerId: STUB_RUNNER_ID, runnerName: "Edge", instanceId: INSTANCE_ID, claimWaitMs: 1_000, leaseDurationMs: 60_000 };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    proxy = await startForwardProxy();
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await proxy.close();
    pki.cleanup();
  });

  async function register(options: Parameters<typeof createConsoleDispatcher>[0]) {
    const dispatcher = createConsoleDispatcher(options);
    try {
      return await createClient({ url, runnerId: STUB_RUNNER_ID, key: STUB_KEY, instanceId: INSTANCE_ID, dispatcher }).register(HOST);
    } finally {
      await dispatcher.destroy();
    }
  }

  it("is refused with Node's CAs alone", async () => {
    expect(await register({})).toMatchObject({ ok: false, kind: "unreachable", message: expect.stringContaining("UNABLE_TO_VERIFY_LEAF_SIGNATURE") });
  });

  it("is reached once the CA is trusted, directly and through a proxy", async () => {
    const ca = [...tls.rootCertificates, pki.caCert];
    expect(await register({ ca })).toMatchObject({ ok: true });
    const before = proxy.seen.length;
    expect(await register({ ca, proxy: resolveProxySettings(proxy.url, {}) })).toMatchObject({ ok: true });
    expect(proxy.seen.slice(before)).toMatchObject([{ method: "CONNECT", target: url.slice("https://".length) }]);
  });
});
