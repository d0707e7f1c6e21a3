import {
  ClaimRunsRequest,
  RegisterInstanceRequest,
  RenewLeaseRequest,
  RESULT_LIMITS,
  RUNNER_API_BASE_PATH,
  SubmitResultRequest,
  type ClaimRunsResponse,
} from "@outpost/contracts";
import type { Database } from "@outpost/db";
import { z } from "zod";
import { claimRuns } from "../services/dispatch/claim-runs";
import { registerInstance } from "../services/dispatch/register-instance";
import { renewLease } from "../services/dispatch/renew-lease";
import { releaseClaims } from "../services/dispatch/release-claims";
import { announceQueued, isQueueClosing, waitForRun } from "../services/dispatch/run-events";
import { queueOf, type HostedRunnerCredential } from "../services/dispatch/runner-identity";
import { createResultBatcher } from "../services/dispatch/result-batcher";
import type { SecretCipher } from "../services/secrets/cipher";
import { createAuthThrottle, type AuthThrottleOptions } from "./auth-throttle";
import { authenticateRequest } from "./authenticate";
import { readBody } from "./read-body";
import { errorResponse, GatewayError, json } from "./respond";

export type GatewayDeps = {
  getDb: () => Promise<Database>;
  secrets: () => SecretCipher;
  log?: (error: unknown) => void;
  /**
   * The longest a waiting claim goes without re-checking the queue (and the runner's key), in case a
   * wake-up was missed: queued runs wake claims through run events and NOTIFY, so this is only a
   * safety net. Each wait is drawn between half of it and all of it (see `recheckDelay`).
   */
  recheckMs?: number;
  /** This console process's hosted runner, if it runs one. */
  hostedRunner?: () => HostedRunnerCredential | undefined;
  /** The address the request came from, for throttling failed authentications; undefined: unknown. */
  clientAddress?: (request: Request) => string | undefined;
  /** Limits of failed authentications (defaults: 20 a minute per address, 10 per runner id). */
  authThrottle?: AuthThrottleOptions;
};

const SMALL_BODY = 16 * 1024;

/**
 * A random wait in [period / 2, period]. Claims that started together (every instance reconnecting
 * after a console restart) would otherwise re-check in lockstep forever: hundreds of queries in
 * one instant every period, and a person's Run now queued behind them for the pool's connections.
 * Random waits spread them out within a few periods.
 */
export function recheckDelay(periodMs: number) {
  return periodMs / 2 + Math.random() * (periodMs / 2);
}
const RunId = z.uuid();

/**
 * The runner protocol v1 over plain HTTP: thin routing over the dispatch services, every body
 * parsed with the shared contract and size-limited, every error a protocol error.
 */
export function createRunnerGateway({
  getDb,
  secrets,
  log = console.error,
  recheckMs = 5_000,
  hostedRunner = () => undefined,
  clientAddress = () => undefined,
  authThrottle,
}: GatewayDeps) {
  const throttle = createAuthThrottle(authThrottle);
  // Concurrent result submissions are stored together, a batch per transaction.
  const results = createResultBatcher(getDb);
  async function route(request: Request): Promise<Response> {
    if (request.method !== "POST") throw new GatewayError(404, "not_found", "Runner protocol requests are POSTs.");
    const path = new URL(request.url).pathname;
    if (!path.startsWith(`${RUNNER_API_BASE_PATH}/`)) throw new GatewayError(404, "not_found", "Unknown runner protocol path.");
    const segments = path.slice(RUNNER_API_BASE_PATH.length + 1).split("/");
    // A throttled request is answered before the database is touched.
    const runner = await throttle.authenticate(request, clientAddress(request), async () =>
      authenticateRequest(await getDb(), request, hostedRunner()),
    );
    const db = await getDb();

    if (segments.join("/") === "instances") {
      return json(await registerInstance(db, runner, await readBody(request, RegisterInstanceRequest, SMALL_BODY)));
    }
    if (segments.join("/") === "runs/claim") {
      const input = await readBody(request, ClaimRunsRequest, SMALL_BODY);
      const deadline = Date.now() + input.waitMs;
      // Long-poll: answer as soon as a run is there, or with nothing when the wait is over.
      for (let first = true; ; first = false) {
        // A runner that hung up (it is stopping, or its connection broke) must not be handed runs it never hears of.
        // A console shutting down hands out nothing more: the runner polls again elsewhere or after the restart.
        if (request.signal.aborted || isQueueClosing()) return json({ jobs: [] } satisfies ClaimRunsResponse);
        const jobs = await claimRuns(db, secrets(), runner, input, { ping: first });
        if (request.signal.aborted && jobs.length > 0) {
          await releaseClaims(db, runner, jobs);
          announceQueued([queueOf(runner)]);
          return json({ jobs: [] } satisfies ClaimRunsResponse);
        }
        const remaining = deadline - Date.now();
        if (jobs.length > 0 || remaining <= 0) return json({ jobs } satisfies ClaimRunsResponse);
        await waitForRun(queueOf(runner), Math.min(remaining, recheckDelay(recheckMs)), request.signal);
        // A key reset or a deleted runner ends a waiting claim too, not only the next request.
        await authenticateRequest(db, request, hostedRunner());
      }
    }
    const [runs, runId, action, ...rest] = segments;
    if (runs === "runs" && RunId.safeParse(runId).success && rest.length === 0) {
      if (action === "lease") {
        return json({ lease: await renewLease(db, runner, runId!, await readBody(request, RenewLeaseRequest, SMALL_BODY)) });
      }
      if (action === "result") {
        return json(await results.submit(runner, runId!, await readBody(request, SubmitResultRequest, RESULT_LIMITS.bodyBytes)));
      }
    }
    throw new GatewayError(404, "not_found", "Unknown runner protocol path.");
  }

  return {
    async handle(request: Request): Promise<Response> {
      try {
        return await route(request);
      } catch (error) {
        return errorResponse(error, log);
      }
    },
  };
}
