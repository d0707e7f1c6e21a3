import NextAuth from "next-auth";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { edgeAuthConfig } from "@outpost/auth/edge";
import { env, publicUrl } from "~/env";
import { createNonce, pagePolicy } from "~/server/content-security-policy";
import { isSameOrigin } from "~/server/same-origin";

// Every console page passes here: a cross-site form post (a server action) is refused, the page
// gets its Content-Security-Policy, and signed-out visitors go to sign-in and come back afterwards.
// This only reads the session cookie; every page and procedure still checks the session and the team on the server.
const { auth } = NextAuth(edgeAuthConfig);
const checkSession = auth as unknown as (request: NextRequest, event: NextFetchEvent) => Promise<Response>;

/** The session cookie, whole or in chunks, over HTTP or HTTPS. */
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?=/;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export default async function proxy(request: NextRequest, event: NextFetchEvent) {
  if (!SAFE_METHODS.has(request.method) && !isSameOrigin(request)) {
    return new NextResponse("Cross-site requests are not allowed.", { status: 403 });
  }
  const checked = await checkSession(request, event);
  const nonce = createNonce();
  const policy = pagePolicy({
    nonce,
    development: process.env.NODE_ENV !== "production",
    https: publicUrl().startsWith("https:"),
    formTargets: oauthOrigins(),
  });
  // A signed-out visitor is redirected to sign-in; any other page renders, and Next learns the nonce
  // from the request's CSP header and puts it on its scripts.
  const response = checked.headers.has("location")
    ? new NextResponse(null, { status: checked.status, headers: { location: checked.headers.get("location")! } })
    : NextResponse.next({ request: { headers: withNonce(request.headers, nonce, policy) } });
  response.headers.set("content-security-policy", policy);
  // Auth.js re-issues the session cookie with every answer it checks. Here that would undo a sign-out:
  // a page prefetch started before it and answered after it would put the session back. The cookie
  // is set at sign-in and cleared at sign-out, nowhere else; sessions last their maxAge from sign-in.
  for (const cookie of checked.headers.getSetCookie()) {
    if (!SESSION_COOKIE.test(cookie)) response.headers.append("set-cookie", cookie);
  }
  return response;
}

function withNonce(headers: Headers, nonce: string, policy: string) {
  const forwarded = new Headers(headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", policy);
  return forwarded;
}

/** Sign-in with a provider ends in a redirect to it; form-action must allow that hop. */
function oauthOrigins(): string[] {
  const { AUTH_GITHUB_ID, AUTH_OIDC_ISSUER } = env();
  return [AUTH_GITHUB_ID ? "https://github.com" : undefined, AUTH_OIDC_ISSUER ? new URL(AUTH_OIDC_ISSUER).origin : undefined].filter(
    (origin): origin is string => Boolean(origin),
  );
}

export const config = {
  matcher: ["/((?!api/|_next/|favicon.ico|.*\\.(?:svg|png|ico)$).*)"],
};
