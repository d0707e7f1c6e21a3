import http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";

/** The API a monitor checks: a real HTTP server on 127.0.0.1 that answers every request at once. */
export async function startTargetServer() {
  const waiting: Array<(arrivedAt: number) => void> = [];
  let requests = 0;
  const server = http.createServer((_req, res) => {
    const arrivedAt = performance.now();
    requests += 1;
    waiting.splice(0).forEach((resolve) => resolve(arrivedAt));
    res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    /** When the next request arrives (performance.now() of this process). */
    nextRequest: () => new Promise<number>((resolve) => waiting.push(resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type TargetServer = Awaited<ReturnType<typeof startTargetServer>>;
