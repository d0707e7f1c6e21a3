import http from "node:http";
import type { AddressInfo } from "node:net";

/** One request the target received, and what became of it. */
export type CountedRequest = { path: string; state: "held" | "answered" | "cut off"; receivedAt: number };

/**
 * The API the monitors check, counting every request per path (each monitor has a path of its own,
 * so a path names a run). Requests are held until the test answers them — the run stays mid-request
 * for as long as the test wants — or, once `answerAll()` was called, answered at once. A held
 * request whose caller goes away (a killed runner) ends "cut off" and is never answered.
 */
export async function startCountingTarget() {
  const requests: CountedRequest[] = [];
  const held = new Map<CountedRequest, () => void>();
  let answerEverything = false;
  const server = http.createServer((req, res) => {
    const request: CountedRequest = { path: new URL(req.url ?? "/", "http://target").pathname, state: "held", receivedAt: Date.now() };
    requests.push(request);
    const answer = () => {
      held.delete(request);
      if (!res.destroyed) res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
    };
    res.on("finish", () => (request.state = "answered"));
    res.on("close", () => {
      if (request.state === "held") request.state = "cut off";
      held.delete(request);
    });
    if (answerEverything) answer();
    else held.set(request, answer);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const on = (path: string) => requests.filter((request) => request.path === path);

  return {
    base,
    requests,
    /** The URL a monitor checks; its path counts that monitor's requests. */
    urlFor: (name: string) => `${base}/m/${name}`,
    pathFor: (name: string) => `/m/${name}`,
    on,
    /** The request to `path` held right now, if any. */
    heldOn: (path: string) => on(path).find((request) => request.state === "held"),
    /** Answers what is held on `path` now; later requests there are held again. */
    answer(path: string) {
      for (const [request, answer] of held) if (request.path === path) answer();
    },
    /** Answers every held request, and from now on every request at once. */
    answerAll() {
      answerEverything = true;
      for (const answer of [...held.values()]) answer();
    },
    /** Holds new requests again. */
    holdNew() {
      answerEverything = false;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type CountingTarget = Awaited<ReturnType<typeof startCountingTarget>>;
