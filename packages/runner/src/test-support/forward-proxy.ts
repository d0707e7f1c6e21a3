import http from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";

export interface ProxiedRequest {
  /** "CONNECT" for a tunnel, otherwise the forwarded request's method. */
  method: string;
  /** `host:port` for a tunnel, the absolute URL for a forwarded request. */
  target: string;
  proxyAuthorization: string | undefined;
}

export interface ForwardProxy {
  /** `http://127.0.0.1:<port>`, no credentials. */
  url: string;
  port: number;
  seen: ProxiedRequest[];
  close(): Promise<void>;
}

/**
 * A small HTTP proxy on 127.0.0.1, as found in front of many private networks: CONNECT tunnels and
 * plain forwarding, both recorded. With `credentials` ("user:password") it answers 407 to anyone
 * without them.
 */
export async function startForwardProxy({ credentials }: { credentials?: string } = {}): Promise<ForwardProxy> {
  const seen: ProxiedRequest[] = [];
  const expected = credentials && `Basic ${Buffer.from(credentials).toString("base64")}`;
  const allowed = (header: string | undefined) => !expected || header === expected;
  const sockets = new Set<net.Socket>();

  const server = http.createServer((req, res) => {
    const proxyAuthorization = req.headers["proxy-authorization"];
    seen.push({ method: req.method ?? "GET", target: req.url ?? "", proxyAuthorization });
    if (!allowed(proxyAuthorization)) return void res.writeHead(407, { "proxy-authenticate": "Basic" }).end();
    const { ["proxy-authorization"]: _dropped, ...headers } = req.headers;
    const upstream = http.request(req.url ?? "", { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on("connect", (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const proxyAuthorization = req.headers["proxy-authorization"];
    seen.push({ method: "CONNECT", target: req.url ?? "", proxyAuthorization });
    if (!allowed(proxyAuthorization)) return void client.end("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n");
    const [host, port] = (req.url ?? "").split(":");
    const upstream = net.connect(Number(port), host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    }
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
