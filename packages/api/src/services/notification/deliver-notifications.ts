import { and, eq } from "drizzle-orm";
import { notificationOutbox, type Database } from "@outpost/db";
import type { SecretCipher } from "../secrets/cipher";
import { claimNotifications, type ClaimedNotification } from "./claim-notifications";
import type { Mailer } from "./mailer";
import { postWebhook, WEBHOOK_LIMITS, type WebhookLimits } from "./post-webhook";
import { renderEmail, renderNotification } from "./render";

/** A notification is tried this many times, backing off from 30 s to 30 min (about 2 hours in all). */
export const MAX_ATTEMPTS = 8;
const BATCH = 20;

export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** (attempts - 1), 30 * 60_000);
}

export type NotifierDeps = {
  /** Null: no mail server configured; email notifications are recorded as not sent. */
  mailer: Mailer | null;
  /** Opens the sealed webhook URLs. */
  secrets: SecretCipher;
  /** The console's public URL, for links to monitors and runners. */
  publicUrl: string;
  webhookLimits?: WebhookLimits;
  log?: (line: string) => void;
};

type Attempt = { status: "sent" } | { status: "not_sent"; error: string } | { status: "error"; permanent: boolean; error: string };

async function send(notification: ClaimedNotification, deps: NotifierDeps): Promise<Attempt> {
  const rendered = renderNotification(notification.payload, deps.publicUrl);
  if (notification.channel === "webhook") {
    let url: string;
    try {
      url = deps.secrets.decrypt(notification.webhookUrl ?? "");
    } catch {
      // Sealed under another secret key (OUTPOST_SECRET_KEY changed): no retry can open it.
      return { status: "error", permanent: true, error: "The webhook URL can't be read with this console's secret key: enter it again in the monitor." };
    }
    const outcome = await postWebhook(url, rendered.webhook, deps.webhookLimits ?? WEBHOOK_LIMITS);
    return outcome.ok ? { status: "sent" } : { status: "error", permanent: outcome.permanent, error: outcome.error };
  }
  if (!deps.mailer) return { status: "not_sent", error: "Email is not configured on this installation (OUTPOST_SMTP_URL)." };
  try {
    await deps.mailer.send({ to: notification.recipients, ...renderEmail(rendered) });
    return { status: "sent" };
  } catch (error) {
    return { status: "error", permanent: false, error: error instanceof Error ? error.message : String(error) };
  }
}

type Summary = { sent: number; notSent: number; retrying: number; failed: number };

async function record(db: Database, notification: ClaimedNotification, attempt: Attempt, deps: NotifierDeps, now: Date, summary: Summary) {
  // A claim that lapsed meanwhile belongs to whoever took it over: leave their row alone.
  const stillOurs = and(
    eq(notificationOutbox.id, notification.id),
    eq(notificationOutbox.status, "sending"),
    eq(notificationOutbox.attempts, notification.attempts),
  );
  if (attempt.status === "sent") {
    summary.sent++;
    await db.update(notificationOutbox).set({ status: "sent", sentAt: new Date(), lastError: null }).where(stillOurs);
    return;
  }
  if (attempt.status === "not_sent") {
    summary.notSent++;
    await db.update(notificationOutbox).set({ status: "not_sent", lastError: attempt.error }).where(stillOurs);
    return;
  }
  const label = `${notification.channel} notification ${notification.id} (${notification.kind})`;
  if (attempt.permanent || notification.attempts >= MAX_ATTEMPTS) {
    summary.failed++;
    deps.log?.(`${label} failed after ${notification.attempts} attempt(s): ${attempt.error}`);
    await db.update(notificationOutbox).set({ status: "failed", lastError: attempt.error }).where(stillOurs);
    return;
  }
  summary.retrying++;
  const delay = retryDelayMs(notification.attempts);
  deps.log?.(`${label} not sent (attempt ${notification.attempts} of ${MAX_ATTEMPTS}), retrying in ${delay / 1000} s: ${attempt.error}`);
  await db
    .update(notificationOutbox)
    .set({ status: "pending", lastError: attempt.error, nextAttemptAt: new Date(now.getTime() + delay) })
    .where(stillOurs);
}

/**
 * The notifier: sends what is due in the outbox and records each result — sent, not sent (no
 * mail server), or failed, to be tried again later with backoff until MAX_ATTEMPTS. Runs beside
 * ingestion, never inside it, so a slow or failing mail server only delays notifications.
 * Destinations are served in parallel; one monitor's (or runner's) notifications on one channel
 * go out one after another, oldest first, so a recovery never overtakes its failure.
 */
export async function deliverNotifications(db: Database, deps: NotifierDeps, now = new Date()) {
  const claimed = await claimNotifications(db, now, BATCH);
  const streams = new Map<string, ClaimedNotification[]>();
  for (const notification of claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
    const key = `${notification.channel}:${notification.monitorId ?? notification.runnerId}`;
    streams.set(key, [...(streams.get(key) ?? []), notification]);
  }
  const summary: Summary = { sent: 0, notSent: 0, retrying: 0, failed: 0 };
  await Promise.all(
    [...streams.values()].map(async (stream) => {
      for (const notification of stream) await record(db, notification, await send(notification, deps), deps, now, summary);
    }),
  );
  return summary;
}
