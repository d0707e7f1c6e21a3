import net from "node:net";

/**
 * A TCP proxy in front of a server (the console), for tests of a network that goes away: `cut()`
 * destroys every connection through it and, until `restore()`, answers nothing — new connections
 * are accepted and left hanging, the way a dropped route or a firewall that blackholes packets
 * looks to the client, not the quick refusal of a closed port.
 */
export async function startTcpCutter(upstream: { host?: string; port: number }, { port = 0 }: { port?: number } = {}) {
  let isCut = false;
  const pairs = new Set<{ client: net.Socket; server?: net.Socket }>();
  const blackholed = new Set<net.Socket>();

  const proxy = net.createServer((client) => {
    client.on("error", () => {});
    if (isCut) {
      blackholed.add(client);
      client.on("close", () => blackholed.delete(client));
      return;
    }
    const pair: { client: net.Socket; server?: net.Socket } = { client };
    pairs.add(pair);
    const server = net.connect({ host: upstream.host ?? "127.0.0.1", port: upstream.port });
    pair.server = server;
    server.on("error", () => client.destroy());
    client.pipe(server);
    server.pipe(client);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      server.destroy();
    };
    client.on("close", end);
    server.on("close", end);
  });

  await new Promise<void>((resolve, reject) => {
    proxy.once("error", reject);
    proxy.listen(port, "127.0.0.1", resolve);
  });
  const address = proxy.address() as net.AddressInfo;

  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    isCut: () => isCut,
    /** Connections open through the proxy now (not counting blackholed ones). */
    openConnections: () => pairs.size,
    /** Drops every connection and blackholes new ones until `restore()`. */
    cut() {
      isCut = true;
      for (const { client, server } of pairs) {
        client.destroy();
        server?.destroy();
      }
      pairs.clear();
    },
    /** Forwards new connections again; the blackholed ones are closed so their clients retry. */
    restore() {
      isCut = false;
      for (const socket of blackholed) socket.destroy();
      blackholed.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        isCut = true;
        for (const { client, server } of pairs) {
          client.destroy();
          server?.destroy();
        }
        for (const socket of blackholed) socket.destroy();
        proxy.close(() => resolve());
      }),
  };
}

export type TcpCutter = Awaited<ReturnType<typeof startTcpCutter>>;
