import "server-only";
import diagnostics from "node:diagnostics_channel";
import type { Server } from "node:http";

// `next start` owns the HTTP server and does not hand it out. Node announces every request on a
// diagnostics channel together with its server, which is how the shutdown finds the server to close.

type DrainState = { servers: Set<Server>; subscribed: boolean };
const state: DrainState = ((globalThis as { outpostHttpDrain?: DrainState }).outpostHttpDrain ??= {
  servers: new Set(),
  subscribed: false,
});

/** Starts noting the HTTP server(s) this process answers requests on. Call once at start-up. */
export function trackHttpServers() {
  if (state.subscribed) return;
  state.subscribed = true;
  diagnostics.subscribe("http.server.request.start", (message) => {
    state.servers.add((message as { server: Server }).server);
  });
}

/**
 * Stops accepting connections and waits for the requests in progress to finish, at most `graceMs`;
 * then cuts what is left. Resolves with the number of servers that had to be cut.
 */
export async function drainHttpServers(graceMs: number): Promise<number> {
  const results = await Promise.all([...state.servers].map((server) => drain(server, graceMs)));
  return results.filter((cut) => cut).length;
}

async function drain(server: Server, graceMs: number): Promise<boolean> {
  if (!server.listening) return false;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // A keep-alive connection whose request just finished would otherwise hold the close open.
  const sweeper = setInterval(() => server.closeIdleConnections(), 100);
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<true>((resolve) => (timer = setTimeout(() => resolve(true), graceMs)));
  const cut = await Promise.race([closed.then(() => false), graceOver]);
  clearInterval(sweeper);
  clearTimeout(timer);
  if (cut) {
    server.closeAllConnections();
    // Upgraded connections (the dev server's hot reload) are not the server's to close any more.
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 1_000))]);
  }
  return cut;
}
