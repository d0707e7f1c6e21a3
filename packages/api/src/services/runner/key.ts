import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import {
  RUNNER_KEY_BODY_LENGTH,
  RUNNER_KEY_PREFIX,
  runnerKeyChecksum,
  toBase62,
} from "@outpost/contracts";

export type IssuedKey = { key: string; hash: string; last4: string };

/**
 * A new runner key: 256 bits from the operating system's CSPRNG, prefixed and checksummed. Only the
 * hash and the last four characters are ever stored; the key itself lives in one response.
 */
export function issueRunnerKey(): IssuedKey {
  const body = toBase62(BigInt(`0x${randomBytes(32).toString("hex")}`), RUNNER_KEY_BODY_LENGTH);
  const key = `${RUNNER_KEY_PREFIX}${body}${runnerKeyChecksum(body)}`;
  return { key, hash: hashRunnerKey(key), last4: key.slice(-4) };
}

/**
 * SHA-256 is the right hash here: a key has 256 random bits, so there is nothing for a slow hash
 * to protect against, and every runner request verifies one.
 */
export function hashRunnerKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** Constant-time comparison of a presented key with a stored hash. */
export function runnerKeyMatches(key: string, storedHash: string): boolean {
  const presented = Buffer.from(hashRunnerKey(key), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
