import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postWebhook, WEBHOOK_LIMITS } from "./post-webhook";

/** A receiver whose answer depends on the path, with what it received. */
let server: http.Server;
let base: string;
const received: Array<{ path: string; method: string; body: string }> = [];
beforeAll(async () => {
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = request.url ?? "";
      received.push({ path, method: request.method ?? "", body: Buffer.concat(chunks).toString("utf8") });
      if (path === "/ok") return response.writeHead(200).end("ok");
      if (path === "/moved") return response.writeHead(308, { location: "/ok" }).end();
      if (path === "/elsewhere") return response.writeHead(307, { location: base.replace("127.0.0.1", "localhost") + "/ok" }).end();
      if (path === "/see-other") return response.writeHead(303, { location: "/ok" }).end();
      if (path === "/gone") return response.writeHead(404).end("no_service");
      if (path === "/busy") return response.writeHead(503).end("try later");
      if (path === "/big") return response.writeHead(200).end("x".repeat(1_000_000));
      // "/silent": never answers.
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const body = { text: "Failure: Orders API" };

describe("posting a webhook", () => {
  it("POSTs the JSON body and accepts any 2xx, reading at most a capped answer", async () => {
    expect(await postWebhook(`${base}/ok`, body)).toEqual({ ok: true, status: 200 });
    expect(received.at(-1)).toEqual({ path: "/ok", method: "POST", body: JSON.stringify(body) });
    expect(await postWebhook(`${base}/big`, body)).toEqual({ ok: true, status: 200 });
  });

  it("follows a 307/308 on the same host only", async () => {
    expect(await postWebhook(`${base}/moved`, body)).toEqual({ ok: true, status: 200 });
    expect(received.slice(-2).map((r) => [r.path, r.method])).toEqual([
      ["/moved", "POST"],
      ["/ok", "POST"],
    ]);
    const count = received.length;
    expect(await postWebhook(`${base}/elsewhere`, body)).toEqual({
      ok: false,
      permanent: true,
      error: "The webhook answered 307 with a redirect Outpost does not follow.",
    });
    expect(await postWebhook(`${base}/see-other`, body)).toMatchObject({ ok: false, permanent: true });
    expect(received.length).toBe(count + 2);
  });

  it("retries server errors and timeouts, not client errors", async () => {
    expect(await postWebhook(`${base}/busy`, body)).toEqual({ ok: false, permanent: false, error: "The webhook answered 503: try later" });
    expect(await postWebhook(`${base}/gone`, body)).toEqual({ ok: false, permanent: true, error: "The webhook answered 404: no_service" });
    const started = Date.now();
    expect(await postWebhook(`${base}/silent`, body, { ...WEBHOOK_LIMITS, timeoutMs: 300 })).toEqual({
      ok: false,
      permanent: false,
      error: "The webhook did not answer within 0.3 s.",
    });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await postWebhook("http://127.0.0.1:9/closed", body)).toMatchObject({ ok: false, permanent: false });
  });

  it("refuses other schemes, cloud metadata addresses and oversized bodies without sending", async () => {
    const count = received.length;
    expect(await postWebhook("ftp://example.test/hook", body)).toEqual({
      ok: false,
      permanent: true,
      error: "The webhook URL must start with http:// or https://.",
    });
    expect(await postWebhook("http://169.254.169.254/latest/meta-data", body)).toMatchObject({ ok: false, permanent: true });
    expect(await postWebhook("http://[fe80::1]/hook", body)).toMatchObject({ ok: false, permanent: true });
    expect(await postWebhook(`${base}/ok`, { text: "x".repeat(70_000) })).toEqual({
      ok: false,
      permanent: true,
      error: "The notification is larger than 65536 bytes.",
    });
    expect(received.length).toBe(count);
  });
});
