import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { RUNNER_API_BASE_PATH, RUNNER_KEY_PREFIX, runnerKeyChecksum, type Job, type RunResult } from "@outpost/contracts";

export const STUB_RUNNER_ID = "0b5c9a52-58f8-4a86-9b8e-8c0f2c1f1d11";
const KEY_BODY = "A".repeat(43);
/** Well-formed (the CLI checks the checksum), and known to the stub only. */
export const STUB_KEY = `${RUNNER_KEY_PREFIX}${KEY_BODY}${runnerKeyChecksum(KEY_BODY)}`;

export interface StoredResult {
  runId: string;
  leaseId: string;
  instanceId: string;
  result: RunResult;
}

export interface ConsoleStub {
  /** `http(s)://127.0.0.1:<port>`; the port is kept across down() and up(). */
  url: string;
  port: number;
  /** Queues a run with a fresh run and lease id; the collection calls `targetUrl` once. */
  queue(targetUrl: string): Job;
  instances: Set<string>;
  results: StoredResult[];
  /** Every request, in order: `path` and the instance id it came from. */
  requests: Array<{ path: string; instanceId: string | undefined }>;
  /** Called as each request arrives, before it is answered. */
  onRequest: ((path: string) => void) | null;
  /** When set, result submissions get this HTTP status and an internal error (a console in trouble). */
  failSubmitsWith: number | null;
  /** When set, claims are answered "no runs" at once, as by a console that is shutting down. */
  closing: boolean;
  /** Stops listening and cuts open connections: the runner sees a console that is not there. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

const job = JSON.parse(readFileSync(new URL("../../../../contracts/src/v1/fixtures/accept/Job.full.json", import.meta.url), "utf8")) as Job;
const protocolError = (code: string) => JSON.stringify({ error: { code, message: `the stub says ${code}` } });

/**
 * A console as the runner sees it, on a real HTTP server: protocol v1 with its checks (key,
 * registered instance, lease), so an agent can be run against it end to end. Claims answer at once
 * with what is queued, or after a short wait with nothing. The real console is exercised by
 * apps/console/src/runner-*.e2e.test.ts.
 */
export async function startConsoleStub({ claimWaitMs = 200, tls }: { claimWaitMs?: number; tls?: { key: string; cert: string } } = {}): Promise<ConsoleStub> {
  const queued: Job[] = [];
  const leases = new Map<string, string>();
  const instances = new Set<string>();
  const results: StoredResult[] = [];
  const requests: ConsoleStub["requests"] = [];

  function answer(path: string, body: Record<string, unknown>, authorized: boolean): [number, string] {
    if (!authorized) return [401, protocolError("unauthorized")];
    const instanceId = String(body.instanceId);
    if (path === "/instances") {
      instances.add(instanceId);
      return [200, JSON.stringify({ runnerId: STUB_RUNNER_ID, runnerName: "Edge", instanceId, claimWaitMs, leaseDurationMs: 60_000 })];
    }
    // As the console does: an instance must register before anything else.
    if (!instances.has(instanceId)) return [404, protocolError("not_found")];
    if (path === "/runs/claim") return [200, JSON.stringify({ jobs: stub.closing ? [] : queued.splice(0, Number(body.max)) })];
    const [, runs, runId, action] = path.split("/");
    if (runs !== "runs" || !runId || leases.get(runId) !== body.leaseId) return [409, protocolError("lease_lost")];
    if (action === "lease") return [200, JSON.stringify({ lease: { id: body.leaseId, expiresAt: new Date(Date.now() + 60_000).toISOString() } })];
    if (stub.failSubmitsWith) return [stub.failSubmitsWith, protocolError("internal")];
    const duplicate = results.some((stored) => stored.runId === runId);
    if (!duplicate) results.push({ runId, leaseId: String(body.leaseId), instanceId, result: body.result as RunResult });
    return [200, JSON.stringify({ accepted: true, duplicate })];
  }

  const server = (tls ? https.createServer(tls) : http.createServer()).on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    let text = "";
    req.on("data", (chunk) => (text += chunk));
    req.on("end", async () => {
      const path = (req.url ?? "").slice(RUNNER_API_BASE_PATH.length);
      const body = JSON.parse(text || "{}") as Record<string, unknown>;
      requests.push({ path, instanceId: body.instanceId as string | undefined });
      stub.onRequest?.(path);
      if (path === "/runs/claim" && queued.length === 0 && !stub.closing) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(Number(body.waitMs), claimWaitMs)));
      }
      const [status, out] = answer(path, body, req.headers.authorization === `Bearer ${STUB_KEY}`);
      if (!res.destroyed) res.writeHead(status, { "content-type": "application/json" }).end(out);
    });
  });

  const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  await listen(0);
  const { port } = server.address() as AddressInfo;

  const stub: ConsoleStub = {
    url: `${tls ? "https" : "http"}://127.0.0.1:${port}`,
    port,
    queue(targetUrl) {
      const runId = randomUUID();
      const leaseId = randomUUID();
      leases.set(runId, leaseId);
      const queuedJob: Job = {
        ...job,
        runId,
        lease: { id: leaseId, expiresAt: new Date(Date.now() + 60_000).toISOString() },
        options: { ...job.options, retriesOnFailure: 0 },
        environment: [],
        collection: { info: job.collection.info, item: [{ name: "Ping", request: { method: "GET", url: targetUrl } }] },
      };
      queued.push(queuedJob);
      return queuedJob;
    },
    instances,
    results,
    requests,
    onRequest: null,
    failSubmitsWith: null,
    closing: false,
    down: stop,
    up: () => listen(port),
    close: async () => {
      if (server.listening) await stop();
    },
  };
  return stub;
}
