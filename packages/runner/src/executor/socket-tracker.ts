import http from "node:http";
import https from "node:https";
import type { Duplex } from "node:stream";

/**
 * The engine's `run.abort()` only takes effect between instructions: it waits for an in-flight
 * request to finish, which with no request timeout may be never. Its per-request abort handle
 * leaves the run hanging (the request's callback never fires). Destroying the socket instead makes
 * the request fail with our error, the engine moves on, sees the abort and calls `done`.
 *
 * So each run gets its own agent instances that remember their sockets. Instances, not agent
 * classes: postman-request keeps agents built from a class in a process-wide pool keyed by class
 * name, which would share sockets (and their tracking) between concurrent runs. TLS options
 * (`strictSSL`, client certificates) still come from each request and are part of the agent's
 * socket key, so they keep working.
 *
 * Extra trusted CAs are an option of these agents, not the engine's `extendedRootCA`: the engine
 * applies that only to agents it builds itself, and reads it through a file resolver, which the
 * executor deliberately does not give it.
 */
export interface SocketTracker {
  agents: { http: http.Agent; https: https.Agent };
  /** Fails every open request of this run with `reason`; also closes idle keep-alive sockets. */
  destroyAll(reason?: Error): void;
}

type Remember = (socket: Duplex | null | undefined) => Duplex | null | undefined;

class TrackedHttpAgent extends http.Agent {
  constructor(private readonly remember: Remember) {
    super({ keepAlive: true });
  }
  override createConnection(...args: Parameters<http.Agent["createConnection"]>) {
    return this.remember(super.createConnection(...args));
  }
}

class TrackedHttpsAgent extends https.Agent {
  constructor(
    private readonly remember: Remember,
    ca: string[] | undefined,
  ) {
    // Set only when given: an agent option, even undefined, overrides the request's own.
    super(ca ? { keepAlive: true, ca } : { keepAlive: true });
  }
  override createConnection(...args: Parameters<https.Agent["createConnection"]>) {
    return this.remember(super.createConnection(...args));
  }
}

export function createSocketTracker({ ca }: { ca?: readonly string[] } = {}): SocketTracker {
  const sockets = new Set<Duplex>();
  const remember: Remember = (socket) => {
    if (!socket) return socket;
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    return socket;
  };
  const agents = { http: new TrackedHttpAgent(remember), https: new TrackedHttpsAgent(remember, ca && [...ca]) };

  return {
    agents,
    destroyAll(reason) {
      for (const socket of sockets) socket.destroy(reason);
      sockets.clear();
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
