import postmanRuntime from "postman-runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startForwardProxy, type ForwardProxy } from "../test-support/forward-proxy";
import { buildCollection } from "./engine-setup";
import { executeJob } from "./execute-job";
import { collectionOf, json, requestItem, runOptions, startTestServer, type TestServer } from "./test-support/fixtures";

// The proxy variables are set for the runner's way out to the console; monitors check APIs inside
// the network, so their requests must not follow those variables (see docs/adr/0004-runner-agent.md).
const PROXY_VARIABLES = ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy"];

describe("executeJob with proxy variables in the environment", () => {
  let proxy: ForwardProxy;
  let target: TestServer;
  const saved = Object.fromEntries(PROXY_VARIABLES.map((name) => [name, process.env[name]]));

  beforeAll(async () => {
    proxy = await startForwardProxy();
    target = await startTestServer({ "/ping": json({ ok: true }) });
    for (const name of PROXY_VARIABLES) delete process.env[name];
    process.env.HTTP_PROXY = proxy.url;
    process.env.HTTPS_PROXY = proxy.url;
  });
  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await proxy.close();
    await target.close();
  });

  it("sends the collection's requests straight to their target", async () => {
    const seenBefore = proxy.seen.length;
    const result = await executeJob({ collection: collectionOf(requestItem("Ping", `${target.url}/ping`)), environment: [], options: runOptions() });

    expect(result.outcome).toBe("successful");
    expect(result.executions[0]?.statusCode).toBe(200);
    expect(proxy.seen.slice(seenBefore)).toEqual([]);
  });

  // The control: without the executor's setting, the engine follows HTTP_PROXY, so the test above
  // proves the setting works rather than passing because the variables are not read at all.
  it("where the engine left to itself would go through the proxy", async () => {
    const seenBefore = proxy.seen.length;
    const collection = buildCollection(collectionOf(requestItem("Ping", `${target.url}/ping`)));
    const statusCode = await new Promise<number | undefined>((resolve) => {
      new postmanRuntime.Runner().run(collection, {}, (err, run) => {
        if (err) return resolve(undefined);
        let code: number | undefined;
        run.start({ request: (_err, _cursor, response) => (code = response?.code), done: () => resolve(code) });
      });
    });

    expect(statusCode).toBe(200);
    expect(proxy.seen.slice(seenBefore)).toEqual([expect.objectContaining({ method: "GET", target: `${target.url}/ping` })]);
  });
});

// A collection may name a proxy on a request itself. Followed, it would send monitor traffic (and
// the blocked-address check) to a host of the collection author's choosing; the executor drops it.
describe("executeJob with a proxy named in the collection", () => {
  let proxy: ForwardProxy;
  let target: TestServer;
  beforeAll(async () => {
    proxy = await startForwardProxy();
    target = await startTestServer({ "/ping": json({ ok: true }) });
  });
  afterAll(async () => {
    await proxy.close();
    await target.close();
  });

  const withProxy = () => {
    const item = requestItem("Ping", `${target.url}/ping`) as { request: Record<string, unknown> };
    const { port } = new URL(proxy.url);
    item.request.proxy = { match: "<all_urls>", host: "127.0.0.1", port: Number(port), tunnel: false, disabled: false };
    return collectionOf(item);
  };

  it("sends the request straight to its target", async () => {
    const seenBefore = proxy.seen.length;
    const result = await executeJob({ collection: withProxy(), environment: [], options: runOptions() });
    expect(result.outcome).toBe("successful");
    expect(proxy.seen.slice(seenBefore)).toEqual([]);
  });

  it("where the engine left to itself would use it", async () => {
    const seenBefore = proxy.seen.length;
    const collection = new (await import("postman-collection")).default.Collection(withProxy());
    await new Promise<void>((resolve) => {
      new postmanRuntime.Runner().run(collection, {}, (err, run) => {
        if (err) return resolve();
        run.start({ done: () => resolve() });
      });
    });
    expect(proxy.seen.slice(seenBefore)).toEqual([expect.objectContaining({ method: "GET" })]);
  });
});
