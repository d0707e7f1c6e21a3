import { eq, sql } from "drizzle-orm";
import { monitors, notificationOutbox, type Database } from "@outpost/db";
import { isPlainWebhookUrl, sealWebhookUrl } from "../monitor/notifications";
import type { SecretCipher } from "../secrets/cipher";

/**
 * Seals webhook URLs stored in clear by a console from before they were sealed: the monitors'
 * and the outbox's notifications not sent yet. Runs at every start; once done it finds nothing.
 */
export async function sealPlainWebhookUrls(db: Database, secrets: SecretCipher) {
  const plainMonitors = await db
    .select({ id: monitors.id, notifications: monitors.notifications })
    .from(monitors)
    .where(sql`${monitors.notifications}->>'webhookUrl' ~* '^https?:'`);
  for (const { id, notifications } of plainMonitors) {
    if (!notifications.webhookUrl || !isPlainWebhookUrl(notifications.webhookUrl)) continue;
    await db
      .update(monitors)
      // Not a change anyone made: "Modified" stays.
      .set({ notifications: { ...notifications, ...sealWebhookUrl(secrets, notifications.webhookUrl) }, updatedAt: sql`${monitors.updatedAt}` })
      .where(eq(monitors.id, id));
  }
  const plainOutbox = await db
    .select({ id: notificationOutbox.id, webhookUrl: notificationOutbox.webhookUrl })
    .from(notificationOutbox)
    .where(sql`${notificationOutbox.webhookUrl} ~* '^https?:'`);
  for (const { id, webhookUrl } of plainOutbox) {
    if (!webhookUrl || !isPlainWebhookUrl(webhookUrl)) continue;
    await db.update(notificationOutbox).set({ webhookUrl: secrets.encrypt(webhookUrl) }).where(eq(notificationOutbox.id, id));
  }
  return { monitors: plainMonitors.length, notifications: plainOutbox.length };
}
