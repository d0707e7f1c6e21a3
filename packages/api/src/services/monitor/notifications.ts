import type { MonitorNotifications as StoredNotifications } from "@outpost/db";
import type { SecretCipher } from "../secrets/cipher";
import type { MonitorFields } from "./input";

/**
 * The notification settings as stored: the webhook URL sealed with the console's key, its host
 * beside it in clear. A webhook URL left out keeps the one stored before (the browser is never
 * shown it, so it cannot send it back); null removes it.
 */
export function toStoredNotifications(
  secrets: SecretCipher,
  { webhookUrl, ...rest }: MonitorFields["notifications"],
  before?: StoredNotifications,
): StoredNotifications {
  if (webhookUrl === undefined) return { ...rest, webhookUrl: before?.webhookUrl ?? null, webhookHost: before?.webhookHost ?? null };
  if (webhookUrl === null) return { ...rest, webhookUrl: null, webhookHost: null };
  return { ...rest, ...sealWebhookUrl(secrets, webhookUrl) };
}

export function sealWebhookUrl(secrets: SecretCipher, url: string) {
  return { webhookUrl: secrets.encrypt(url), webhookHost: new URL(url).host };
}

/** A stored webhook URL from before they were sealed: a URL where an envelope should be. */
export function isPlainWebhookUrl(stored: string) {
  return /^https?:/i.test(stored);
}

/** What anyone who can see the monitor reads of its notification settings: no webhook URL. */
export function shownNotifications({ recipients, stopAfterConsecutiveFailures, webhookHost }: StoredNotifications) {
  return { recipients, stopAfterConsecutiveFailures, webhookHost: webhookHost ?? null };
}
