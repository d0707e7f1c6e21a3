import { randomBytes } from "node:crypto";
import type { Database } from "@outpost/db";
import { createSecretCipher } from "../services/secrets/cipher";
import { createCaller } from "../root";
import { createTRPCContext } from "../trpc";

/** A tRPC caller acting as `userId` (or signed out), going through every middleware for real. */
export const TEST_PUBLIC_URL = "https://outpost.example.test";
/** One key per test process, so tests can decrypt what callers stored. */
export const testSecrets = createSecretCipher(randomBytes(32));

export function callerFor(db: Database, userId: string | null, preferredTeamId?: string) {
  return createCaller(
    createTRPCContext({
      db,
      session: userId ? { user: { id: userId } } : null,
      preferredTeamId,
      publicUrl: TEST_PUBLIC_URL,
      secrets: testSecrets,
    }),
  );
}
