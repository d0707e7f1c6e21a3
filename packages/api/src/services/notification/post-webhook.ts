import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";

export const WEBHOOK_LIMITS = {
  /** The whole exchange, redirects included. */
  timeoutMs: 10_000,
  maxBodyBytes: 64 * 1024,
  /** The receiver's answer is read up to this much, then dropped. */
  maxResponseBytes: 64 * 1024,
  maxRedirects: 3,
};
export type WebhookLimits = typeof WEBHOOK_LIMITS;

/** `permanent`: trying again cannot help (a refused or invalid URL, a 4xx answer). */
export type WebhookOutcome = { ok: true; status: number } | { ok: false; permanent: boolean; error: string };

// Cloud metadata services answer on link-local addresses; a webhook URL must never reach them.
const BLOCKED_V4 = [/^169\.254\./, /^100\.100\.100\.200$/];
const BLOCKED_V6 = [/^fe[89ab][0-9a-f]:/i, /^fd00:ec2::254$/i];

function blockedAddress(address: string): boolean {
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  if (net.isIPv4(v4)) return BLOCKED_V4.some((pattern) => pattern.test(v4));
  return BLOCKED_V6.some((pattern) => pattern.test(address));
}

type LookupAddress = { address: string; family: number };

/** DNS resolution that drops blocked addresses, so a name can't lead the request to them either. */
const safeLookup: net.LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, found) => {
    if (error) return callback(error, "", 0);
    const allowed = (found as LookupAddress[]).filter((entry) => !blockedAddress(entry.address));
    if (allowed.length === 0) {
      const refused = Object.assign(new Error(`${hostname} resolves to an address webhooks may not reach`), { code: "EBLOCKED" });
      return callback(refused, "", 0);
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
    callback(null, allowed[0]!.address, allowed[0]!.family);
  });
};

export function checkWebhookUrl(raw: string): URL | string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "The webhook URL is not a valid URL.";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "The webhook URL must start with http:// or https://.";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host) && blockedAddress(host)) return "The webhook URL points at an address webhooks may not reach.";
  return url;
}

type Answer = { status: number; location: string | undefined; body: string };

function postOnce(url: URL, payload: string, limits: WebhookLimits, signal: AbortSignal): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === "https:" ? https : http).request(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(payload),
        "user-agent": "Outpost-Notifications/1",
      },
      lookup: safeLookup,
      signal,
    });
    request.on("error", reject);
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () => {
        resolve({
          status: response.statusCode ?? 0,
          location: response.headers.location,
          body: Buffer.concat(chunks).toString("utf8"),
        });
      };
      response.on("data", (chunk: Buffer) => {
        if (size >= limits.maxResponseBytes) return;
        chunks.push(chunk.subarray(0, limits.maxResponseBytes - size));
        size += chunk.length;
        if (size >= limits.maxResponseBytes) {
          response.destroy();
          finish();
        }
      });
      response.on("end", finish);
      response.on("error", reject);
    });
    request.end(payload);
  });
}

/**
 * POSTs a JSON body to a webhook. Bounded: one timeout for the whole exchange, a capped body and
 * answer, no address of a cloud metadata service, and redirects followed only on the same host
 * (307/308, which keep the POST); anything else is reported, never followed.
 */
export async function postWebhook(rawUrl: string, body: unknown, limits: WebhookLimits = WEBHOOK_LIMITS): Promise<WebhookOutcome> {
  const checked = checkWebhookUrl(rawUrl);
  if (typeof checked === "string") return { ok: false, permanent: true, error: checked };
  const payload = JSON.stringify(body);
  if (Buffer.byteLength(payload) > limits.maxBodyBytes) {
    return { ok: false, permanent: true, error: `The notification is larger than ${limits.maxBodyBytes} bytes.` };
  }

  const signal = AbortSignal.timeout(limits.timeoutMs);
  let url = checked;
  try {
    for (let redirects = 0; ; redirects++) {
      const answer = await postOnce(url, payload, limits, signal);
      if (answer.status >= 200 && answer.status < 300) return { ok: true, status: answer.status };
      if (answer.status >= 300 && answer.status < 400) {
        const next = answer.location ? new URL(answer.location, url) : null;
        if (!next || ![307, 308].includes(answer.status) || next.host !== url.host || next.protocol !== url.protocol) {
          return { ok: false, permanent: true, error: `The webhook answered ${answer.status} with a redirect Outpost does not follow.` };
        }
        if (redirects >= limits.maxRedirects) return { ok: false, permanent: true, error: "The webhook redirected too many times." };
        url = next;
        continue;
      }
      const detail = answer.body.trim().replace(/\s+/g, " ").slice(0, 200);
      const retryable = answer.status >= 500 || answer.status === 408 || answer.status === 429;
      return { ok: false, permanent: !retryable, error: `The webhook answered ${answer.status}${detail ? `: ${detail}` : ""}` };
    }
  } catch (error) {
    if (signal.aborted) return { ok: false, permanent: false, error: `The webhook did not answer within ${limits.timeoutMs / 1000} s.` };
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, permanent: code === "EBLOCKED", error: `The webhook could not be reached: ${message}` };
  }
}
