import "server-only";
import { handlers } from "./auth";
import { isSameOrigin } from "./same-origin";

export const { GET } = handlers;

/**
 * Auth.js's own POSTs (sign-in, sign-out, the credentials callback) carry its CSRF token already;
 * a cross-site one is refused before that, like every other state change of the console.
 */
export async function POST(request: Parameters<typeof handlers.POST>[0]) {
  if (!isSameOrigin(request)) return Response.json({ error: "Cross-site requests are not allowed." }, { status: 403 });
  return handlers.POST(request);
}
