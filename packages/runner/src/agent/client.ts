import {
  ClaimRunsResponse,
  PROTOCOL_VERSION,
  ProtocolError,
  RegisterInstanceResponse,
  RenewLeaseResponse,
  RunnerHeaders,
  RunnerRoutes,
  SubmitResultResponse,
  type RegisterInstanceRequest,
  type RunResult,
} from "@outpost/contracts";
import { fetch, type Dispatcher } from "undici";
import type { z } from "zod";

/** What the agent does next depends only on this kind, never on an exception. */
export type FailureKind = "unauthorized" | "unknown_instance" | "lease_lost" | "rejected" | "unreachable";
export type ClientResult<T> = { ok: true; data: T } | { ok: false; kind: FailureKind; message: string };

export interface ClientOptions {
  url: string;
  runnerId: string;
  key: string;
  instanceId: string;
  /** How the console is reached (proxy, trusted CAs): see createConsoleDispatcher. */
  dispatcher: Dispatcher;
  /** Per-request timeout for everything but claims (which wait waitMs + CLAIM_MARGIN_MS). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** A claim is held open by the console for up to waitMs; give its answer this long on top. */
export const CLAIM_MARGIN_MS = 10_000;

const fail = (kind: FailureKind, message: string): ClientResult<never> => ({ ok: false, kind, message: message.slice(0, 500) });

/** Protocol error codes → what the agent should do. Unknown codes (a newer console) are transient. */
function kindOf(status: number, code: string | undefined): FailureKind {
  if (code === "unauthorized" || status === 401) return "unauthorized";
  if (code === "lease_lost" || status === 409) return "lease_lost";
  if (code === "not_found" || status === 404) return "unknown_instance";
  if (status === 400 || status === 413) return "rejected";
  return "unreachable";
}

/** fetch's own message is "fetch failed"; what happened (refused, 407 from a proxy, a bad certificate) is in its causes. */
function describe(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current && depth < 4; current = (current as { cause?: unknown }).cause, depth += 1) {
    const { message, code } = current as { message?: unknown; code?: unknown };
    const text = typeof message === "string" ? message : String(current);
    parts.push(typeof code === "string" && !text.includes(code) ? `${text} (${code})` : text);
  }
  return parts.join(": ");
}

/**
 * The runner side of protocol v1 over undici's own fetch, with the dispatcher that carries the
 * proxy and CA settings. Not Node's global fetch: it bundles another undici version, and whether
 * it accepts this version's dispatchers changes from one Node release to the next. Every answer is
 * parsed with the contract schema; expected failures come back as values so the agent's loop has
 * no try/catch of its own.
 */
export function createClient({ url, runnerId, key, instanceId, dispatcher, timeoutMs = DEFAULT_TIMEOUT_MS }: ClientOptions) {
  const base = url.replace(/\/+$/, "");
  const headers = {
    [RunnerHeaders.authorization]: `Bearer ${key}`,
    [RunnerHeaders.runnerId]: runnerId,
    [RunnerHeaders.instanceId]: instanceId,
    [RunnerHeaders.protocolVersion]: String(PROTOCOL_VERSION),
    "content-type": "application/json",
  };

  async function post<T extends z.ZodType>(
    path: string,
    body: unknown,
    schema: T,
    timeout: number,
    signal?: AbortSignal,
  ): Promise<ClientResult<z.output<T>>> {
    const timer = AbortSignal.timeout(timeout);
    let status: number;
    let json: unknown;
    try {
      // A redirect would resend the key somewhere else; the console URL must be the final one.
      const response = await fetch(`${base}${path}`, {
        method: "POST",
        headers,
        body: JSON.stringify(body),
        redirect: "error",
        dispatcher,
        signal: signal ? AbortSignal.any([timer, signal]) : timer,
      });
      status = response.status;
      const text = await response.text();
      try {
        json = JSON.parse(text);
      } catch {
        // A proxy's HTML error page, a gateway timeout: nothing the console said, so try again later.
        return fail("unreachable", `HTTP ${status} from ${base} with a body that is not protocol JSON`);
      }
    } catch (error) {
      if (timer.aborted) return fail("unreachable", `No answer from ${base} within ${timeout} ms`);
      return fail("unreachable", `Could not reach ${base}: ${describe(error)}`);
    }
    if (status >= 200 && status < 300) {
      const parsed = schema.safeParse(json);
      if (parsed.success) return { ok: true, data: parsed.data };
      return fail("rejected", `The console's answer does not match protocol v1: ${parsed.error.issues[0]?.message ?? ""}`);
    }
    const error = ProtocolError.safeParse(json);
    const code = error.success ? error.data.error.code : undefined;
    const message = error.success ? `${code}: ${error.data.error.message}` : `HTTP ${status}`;
    return fail(kindOf(status, code), message);
  }

  return {
    instanceId,
    register: (host: Omit<RegisterInstanceRequest, "instanceId">) =>
      post(RunnerRoutes.registerInstance, { instanceId, ...host }, RegisterInstanceResponse, timeoutMs),
    claim: ({ max, waitMs }: { max: number; waitMs: number }, signal?: AbortSignal) =>
      post(RunnerRoutes.claimRuns, { instanceId, max, waitMs }, ClaimRunsResponse, waitMs + CLAIM_MARGIN_MS, signal),
    renew: (runId: string, leaseId: string) =>
      post(RunnerRoutes.renewLease(runId), { instanceId, leaseId }, RenewLeaseResponse, timeoutMs),
    /** `signal` lets a stopping runner cut a delivery short: the result stays in the outbox. */
    submit: (runId: string, leaseId: string, result: RunResult, signal?: AbortSignal) =>
      post(RunnerRoutes.submitResult(runId), { instanceId, leaseId, result }, SubmitResultResponse, timeoutMs, signal),
  };
}

export type ProtocolClient = ReturnType<typeof createClient>;
