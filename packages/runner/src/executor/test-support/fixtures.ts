import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { MonitorRunOptions } from "@outpost/contracts";

export type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

export interface TestServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  hits(path: string): number;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 with one handler per path; unknown paths answer 404. */
export async function startTestServer(routes: Record<string, Handler>): Promise<TestServer> {
  const counts = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const hit = (counts.get(path) ?? 0) + 1;
    counts.set(path, hit);
    const handler = routes[path];
    if (handler) return handler(req, res, hit);
    res.statusCode = 404;
    res.end("not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits: (path) => counts.get(path) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        // Slow handlers may still hold sockets; the test is over, cut them.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const json =
  (body: unknown, status = 200): Handler =>
  (_req, res) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };

export interface ItemSpec {
  method?: string;
  prerequest?: string[];
  tests?: string[];
  header?: { key: string; value: string }[];
}

/** A Postman Collection v2.1 request item. */
export function requestItem(name: string, url: string, spec: ItemSpec = {}): Record<string, unknown> {
  const event = [
    spec.prerequest && { listen: "prerequest", script: { type: "text/javascript", exec: spec.prerequest } },
    spec.tests && { listen: "test", script: { type: "text/javascript", exec: spec.tests } },
  ].filter(Boolean);
  return { name, event, request: { method: spec.method ?? "GET", url, header: spec.header ?? [] } };
}

export function collectionOf(...items: Record<string, unknown>[]): Record<string, unknown> {
  return {
    info: { name: "Test collection", schema: "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
    item: items,
  };
}

export function runOptions(overrides: Partial<MonitorRunOptions> = {}): MonitorRunOptions {
  return {
    requestTimeoutMs: 5_000,
    delayBetweenRequestsMs: 0,
    retriesOnFailure: 0,
    followRedirects: true,
    sslValidation: true,
    maxRunDurationMs: 20_000,
    ...overrides,
  };
}
