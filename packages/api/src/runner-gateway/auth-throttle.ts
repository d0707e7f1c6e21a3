import { createHash } from "node:crypto";
import { z } from "zod";
import type { AuthenticatedRunner } from "../services/dispatch/runner-identity";
import { presentedCredentials } from "./authenticate";
import { createFailureBuckets } from "./failure-buckets";
import { GatewayError } from "./respond";

export type ThrottleLimit = { limit: number; windowMs: number };
export type AuthThrottleOptions = {
  /** Failed authentications allowed per client address (default 20 a minute). */
  perAddress?: ThrottleLimit;
  /** Failed authentications allowed per runner id (default 10 a minute). */
  perRunner?: ThrottleLimit;
  /** Most keys each table remembers, so a flood of addresses or ids cannot grow memory without bound. */
  maxKeys?: number;
  /** How long a credential that authenticated is exempt from throttling after its last success. */
  trustedForMs?: number;
};

const RunnerId = z.uuid();
const fingerprint = (runnerId: string, key: string) => createHash("sha256").update(`${runnerId}\0${key}`).digest("base64url");

/**
 * Slows down guessing of runner keys: past the limit of failed authentications from one address,
 * or against one runner id, requests are answered 429 before any key is checked (no database
 * work). A credential that authenticated recently in this process is never throttled, so an
 * attacker hammering a runner's id cannot lock out the runner itself; being exempt only skips the
 * throttle, the key is still checked on every request.
 */
export function createAuthThrottle({
  perAddress = { limit: 20, windowMs: 60_000 },
  perRunner = { limit: 10, windowMs: 60_000 },
  maxKeys = 10_000,
  trustedForMs = 15 * 60_000,
}: AuthThrottleOptions = {}) {
  const addresses = createFailureBuckets({ ...perAddress, maxKeys });
  const runnerIds = createFailureBuckets({ ...perRunner, maxKeys });
  const trusted = new Map<string, number>();

  function isTrusted(print: string, now: number) {
    const until = trusted.get(print);
    if (until !== undefined && until <= now) trusted.delete(print);
    return until !== undefined && until > now;
  }

  return {
    /** Runs `authenticate` unless the request is throttled, and counts how it went. */
    async authenticate(
      request: Request,
      address: string | undefined,
      authenticate: () => Promise<AuthenticatedRunner>,
    ): Promise<AuthenticatedRunner> {
      const { runnerId, key } = presentedCredentials(request);
      // Only well-formed ids get a bucket: anything else is no runner, and the address bucket covers it.
      const runnerKey = RunnerId.safeParse(runnerId).success ? runnerId : undefined;
      const print = fingerprint(runnerId, key);
      const now = Date.now();
      if (!isTrusted(print, now)) {
        const waitMs = Math.max(
          address ? addresses.retryAfterMs(address, now) : 0,
          runnerKey ? runnerIds.retryAfterMs(runnerKey, now) : 0,
        );
        if (waitMs > 0) throw throttled(waitMs);
      }
      try {
        const runner = await authenticate();
        trusted.delete(print); // re-inserted last: the map's order is the eviction order
        trusted.set(print, Date.now() + trustedForMs);
        while (trusted.size > maxKeys) trusted.delete(trusted.keys().next().value!);
        return runner;
      } catch (error) {
        if (error instanceof GatewayError && error.status === 401) {
          trusted.delete(print); // a reset or deleted key loses its exemption at its first refusal
          if (address) addresses.recordFailure(address);
          if (runnerKey) runnerIds.recordFailure(runnerKey);
        }
        throw error;
      }
    },
  };
}

function throttled(waitMs: number) {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new GatewayError(
    429,
    "rate_limited",
    `Too many failed runner authentications. Try again in ${seconds} s, with the runner's current ID and key.`,
    { "retry-after": String(seconds) },
  );
}
