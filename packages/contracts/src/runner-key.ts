import { z } from "zod";

/**
 * Runner keys look like `opk_<43 base62 characters: 256 random bits><6 base62 characters: CRC-32>`.
 * The prefix lets secret scanners find leaked keys; the checksum lets them (and the runner CLI)
 * tell a real key from a random string without asking the console.
 */
export const RUNNER_KEY_PREFIX = "opk_";
export const RUNNER_KEY_BODY_LENGTH = 43;
export const RUNNER_KEY_CHECKSUM_LENGTH = 6;
export const RUNNER_KEY_LENGTH = RUNNER_KEY_PREFIX.length + RUNNER_KEY_BODY_LENGTH + RUNNER_KEY_CHECKSUM_LENGTH;

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Base62 of an unsigned integer, left-padded with zeros to `width` characters. */
export function toBase62(value: bigint, width: number): string {
  let out = "";
  let rest = value;
  while (rest > 0n) {
    out = BASE62[Number(rest % 62n)] + out;
    rest /= 62n;
  }
  return out.padStart(width, "0");
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function runnerKeyChecksum(body: string): string {
  return toBase62(BigInt(crc32(body)), RUNNER_KEY_CHECKSUM_LENGTH);
}

export function isWellFormedRunnerKey(key: string): boolean {
  if (key.length !== RUNNER_KEY_LENGTH || !key.startsWith(RUNNER_KEY_PREFIX)) return false;
  const body = key.slice(RUNNER_KEY_PREFIX.length, RUNNER_KEY_PREFIX.length + RUNNER_KEY_BODY_LENGTH);
  const checksum = key.slice(RUNNER_KEY_PREFIX.length + RUNNER_KEY_BODY_LENGTH);
  return /^[0-9A-Za-z]+$/.test(body) && runnerKeyChecksum(body) === checksum;
}

export const RunnerKey = z.string().refine(isWellFormedRunnerKey, "Not a runner key (expected opk_…).");
export type RunnerKey = z.infer<typeof RunnerKey>;
