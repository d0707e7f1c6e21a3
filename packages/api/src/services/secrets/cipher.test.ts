import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSecretCipher, parseSecretKey } from "./cipher";

describe("secret cipher", () => {
  const cipher = createSecretCipher(randomBytes(32));

  it("round-trips, and never produces the same envelope twice", () => {
    const a = cipher.encrypt("s3cr3t-token");
    const b = cipher.encrypt("s3cr3t-token");
    expect(a).not.toBe(b);
    expect(a).not.toContain("s3cr3t");
    expect(cipher.decrypt(a)).toBe("s3cr3t-token");
    expect(cipher.decrypt(cipher.encrypt(""))).toBe("");
  });

  it("refuses an altered envelope and another key's envelope", () => {
    const envelope = cipher.encrypt("value");
    const parts = envelope.split(".");
    const flipped = Buffer.from(parts[3]!, "base64url");
    flipped[0]! ^= 1;
    expect(() => cipher.decrypt([...parts.slice(0, 3), flipped.toString("base64url")].join("."))).toThrow();
    expect(() => createSecretCipher(randomBytes(32)).decrypt(envelope)).toThrow();
    expect(() => cipher.decrypt("plain text")).toThrow("Not a secret envelope.");
  });

  it("takes a base64 32-byte key and refuses anything else", () => {
    const key = randomBytes(32);
    expect(parseSecretKey(key.toString("base64"))).toEqual(key);
    expect(parseSecretKey(key.toString("base64url"))).toEqual(key);
    expect(() => parseSecretKey("too-short")).toThrow("32 bytes");
  });
});
