import http from "node:http";

export type ReceivedWebhook = { path: string; headers: http.IncomingHttpHeaders; body: Record<string, unknown> };

/** A real HTTP server on 127.0.0.1 that records webhook POSTs and answers with `respond`'s status. */
export async function startWebhookReceiver(respond: (request: http.IncomingMessage) => { status: number; headers?: Record<string, string> } = () => ({ status: 200 })) {
  const received: ReceivedWebhook[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const answer = respond(request);
      if (answer.status < 300) {
        received.push({ path: request.url ?? "", headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
      }
      response.writeHead(answer.status, answer.headers).end(answer.status < 300 ? "ok" : "no");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: (path = "/hook") => `http://127.0.0.1:${port}${path}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
