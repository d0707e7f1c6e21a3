import NextAuth from "next-auth";
import type { NextFetchEvent, NextRequest } from "next/server";
import { edgeAuthConfig } from "@outpost/auth/edge";

// Signed-out visitors of any console page go to sign-in and come back afterwards. This only reads
// the session cookie; every page and procedure still checks the session and the team on the server.
const { auth } = NextAuth(edgeAuthConfig);
const checkSession = auth as unknown as (request: NextRequest, event: NextFetchEvent) => Promise<Response>;

/** The session cookie, whole or in chunks, over HTTP or HTTPS. */
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?=/;

export default async function proxy(request: NextRequest, event: NextFetchEvent) {
  const response = await checkSession(request, event);
  // Auth.js re-issues the session cookie with every answer it checks. Here that would undo a sign-out:
  // a page prefetch started before it and answered after it would put the session back. The cookie
  // is set at sign-in and cleared at sign-out, nowhere else; sessions last their maxAge from sign-in.
  const cookies = response.headers.getSetCookie();
  response.headers.delete("set-cookie");
  for (const cookie of cookies) if (!SESSION_COOKIE.test(cookie)) response.headers.append("set-cookie", cookie);
  return response;
}

export const config = {
  matcher: ["/((?!api/|_next/|favicon.ico|.*\\.(?:svg|png|ico)$).*)"],
};
