import type { Database } from "@outpost/db";
import { createCaller } from "../root";
import { createTRPCContext } from "../trpc";

/** A tRPC caller acting as `userId` (or signed out), going through every middleware for real. */
export const TEST_PUBLIC_URL = "https://outpost.example.test";

export function callerFor(db: Database, userId: string | null, preferredTeamId?: string) {
  return createCaller(
    createTRPCContext({
      db,
      session: userId ? { user: { id: userId } } : null,
      preferredTeamId,
      publicUrl: TEST_PUBLIC_URL,
    }),
  );
}
