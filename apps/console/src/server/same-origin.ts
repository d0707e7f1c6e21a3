import "server-only";
import { publicUrl } from "~/env";

/**
 * True when a request says it comes from this site. Browsers send Origin on every POST and
 * Sec-Fetch-Site on every request; a request with neither is not from a browser page and is let
 * through (it carries no ambient session cookie to abuse unless a browser sent it). The Origin may
 * name the host the request reached or the configured public URL (a proxy may rewrite Host).
 */
export function isSameOrigin(req: Request): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return false;
  const origin = req.headers.get("origin");
  if (!origin) return true;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  try {
    return new URL(origin).host === host || new URL(origin).origin === new URL(publicUrl()).origin;
  } catch {
    return false;
  }
}
