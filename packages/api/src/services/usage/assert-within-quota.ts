import type { Executor } from "@outpost/db";
import { ServiceError } from "../errors";
import { getQuotaState } from "./get-quota-state";

/** Refuses to start runs for a team whose quota is used up and stops there (Run now, Resume). */
export async function assertWithinQuota(db: Executor, teamId: string, now: Date) {
  const state = await getQuotaState(db, teamId, now);
  if (state.reason) {
    throw new ServiceError("TOO_MANY_REQUESTS", `${state.reason.charAt(0).toUpperCase()}${state.reason.slice(1)}.`);
  }
}
