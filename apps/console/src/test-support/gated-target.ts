import http from "node:http";
import type { AddressInfo } from "node:net";

/** What became of one request the target received. */
export type TargetRequest = { state: "held" | "answered" | "cut off" };

/**
 * The API a monitor checks, with a gate: while it is closed, requests are held unanswered (a run is
 * mid-run for as long as the test wants); opening it answers them and every later one at once.
 * A held request whose caller goes away (a killed runner) ends "cut off" and is never answered.
 */
export async function startGatedTarget(body: unknown = { status: "ok" }) {
  const requests: TargetRequest[] = [];
  let open = false;
  const held = new Set<() => void>();
  const server = http.createServer((_req, res) => {
    const request: TargetRequest = { state: "held" };
    requests.push(request);
    res.on("finish", () => (request.state = "answered"));
    res.on("close", () => {
      if (request.state === "held") request.state = "cut off";
      held.delete(answer);
    });
    function answer() {
      if (!res.destroyed) res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    }
    if (open) answer();
    else held.add(answer);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`,
    requests,
    /** Answers the held requests and, from now on, every request at once. */
    open() {
      open = true;
      for (const answer of held) answer();
      held.clear();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
