import type { Database } from "@outpost/db";
import { createCaller } from "../root";
import { createTRPCContext } from "../trpc";

/** A tRPC caller acting as `userId` (or signed out), going through every middleware for real. */
export function callerFor(db: Database, userId: string | null, preferredTeamId?: string) {
  return createCaller(
    createTRPCContext({ db, session: userId ? { user: { id: userId } } : null, preferredTeamId }),
  );
}
