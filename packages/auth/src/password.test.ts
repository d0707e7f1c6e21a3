import { describe, expect, it } from "vitest";
import { hashPassword, verifyAgainstNothing, verifyPassword } from "./password";

describe("password hashing", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(stored).toMatch(/^\$argon2id\$/);
    expect(stored).not.toContain("correct horse");
    expect(await verifyPassword(stored, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(stored, "correct horse battery stapler")).toBe(false);
  });

  it("salts every hash, and a malformed hash verifies nothing", async () => {
    expect(await hashPassword("same")).not.toEqual(await hashPassword("same"));
    expect(await verifyPassword("not-a-phc-string", "same")).toBe(false);
    expect(await verifyAgainstNothing("anything")).toBe(false);
  });
});
