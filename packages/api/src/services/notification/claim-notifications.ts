import { and, asc, inArray, lte, sql } from "drizzle-orm";
import { notificationOutbox, type Database } from "@outpost/db";

/** How long a claimed notification is this process's to send; past it, another process may take it over. */
export const CLAIM_LEASE_MS = 2 * 60_000;

/**
 * Takes up to `max` due notifications for this process to send. Rows are locked with SKIP LOCKED
 * and marked as sending in one statement, so two console processes never take the same row; a
 * process that dies mid-send leaves its rows to be taken again once the lease lapses.
 */
export async function claimNotifications(db: Database, now: Date, max: number) {
  const due = db
    .select({ id: notificationOutbox.id })
    .from(notificationOutbox)
    .where(and(inArray(notificationOutbox.status, ["pending", "sending"]), lte(notificationOutbox.nextAttemptAt, now)))
    .orderBy(asc(notificationOutbox.nextAttemptAt), asc(notificationOutbox.createdAt))
    .limit(max)
    .for("update", { skipLocked: true });
  return db
    .update(notificationOutbox)
    .set({
      status: "sending",
      attempts: sql`${notificationOutbox.attempts} + 1`,
      nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS),
    })
    .where(inArray(notificationOutbox.id, due))
    .returning();
}

export type ClaimedNotification = Awaited<ReturnType<typeof claimNotifications>>[number];
