import { describe, expect, it } from "vitest";
import { crc32, isWellFormedRunnerKey, RUNNER_KEY_PREFIX, runnerKeyChecksum, toBase62 } from "./runner-key";

describe("runner key format", () => {
  it("computes the standard CRC-32", () => {
    // The check value of CRC-32/ISO-HDLC.
    expect(crc32("123456789")).toBe(0xcbf43926);
  });

  it("accepts a key whose checksum matches and refuses any changed character", () => {
    const body = "A".repeat(43);
    const key = `${RUNNER_KEY_PREFIX}${body}${runnerKeyChecksum(body)}`;
    expect(isWellFormedRunnerKey(key)).toBe(true);
    expect(isWellFormedRunnerKey(key.replace("AAAA", "AAAB"))).toBe(false);
    expect(isWellFormedRunnerKey(key.slice(0, -1))).toBe(false);
    expect(isWellFormedRunnerKey(`xpk_${key.slice(4)}`)).toBe(false);
    expect(isWellFormedRunnerKey(`${RUNNER_KEY_PREFIX}${"-".repeat(43)}${runnerKeyChecksum("-".repeat(43))}`)).toBe(false);
  });

  it("pads base62 to a fixed width", () => {
    expect(toBase62(0n, 6)).toBe("000000");
    expect(toBase62(61n, 2)).toBe("0z");
    expect(toBase62(62n, 2)).toBe("10");
  });
});
