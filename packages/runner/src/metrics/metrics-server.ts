import http from "node:http";
import type { AddressInfo } from "node:net";
import { PROMETHEUS_CONTENT_TYPE } from "./prometheus";

/** The metrics endpoint cannot listen where it was asked to; the message says what to change. */
export class MetricsServerError extends Error {}

export interface MetricsServer {
  /** `http://host:port`, with the port actually bound (useful with port 0). */
  url: string;
  close(): Promise<void>;
}

/**
 * `GET /health/live` (200 while the process serves it, which is while the agent runs) and
 * `GET /metrics` (Prometheus text). Started before the agent, so a taken port stops the runner
 * before it registers, and closed after the agent has stopped.
 */
export async function startMetricsServer({ host, port, render }: { host: string; port: number; render: () => string }): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://runner").pathname;
    if (req.method !== "GET" && req.method !== "HEAD") return void res.writeHead(405, { allow: "GET, HEAD" }).end();
    if (path === "/health/live") return void res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
    if (path === "/metrics") return void res.writeHead(200, { "content-type": PROMETHEUS_CONTENT_TYPE }).end(render());
    res.writeHead(404, { "content-type": "text/plain" }).end("Not found: try /metrics or /health/live\n");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => reject(new MetricsServerError(listenProblem(error, host, port))));
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function listenProblem(error: NodeJS.ErrnoException, host: string, port: number): string {
  if (error.code === "EADDRINUSE") return `Port ${port} on ${host} is already in use: choose another with --metrics-port.`;
  if (error.code === "EACCES") return `Not allowed to listen on ${host}:${port} (ports below 1024 need privileges): choose another --metrics-port.`;
  if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND") return `${host} is not an address of this machine: check --metrics-host.`;
  return `Cannot listen on ${host}:${port}: ${error.message}`;
}
