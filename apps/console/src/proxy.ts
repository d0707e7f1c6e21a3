import NextAuth from "next-auth";
import { edgeAuthConfig } from "@outpost/auth/edge";

// Signed-out visitors of any console page go to sign-in and come back afterwards. This only reads
// the session cookie; every page and procedure still checks the session and the team on the server.
const { auth } = NextAuth(edgeAuthConfig);

export default auth;

export const config = {
  matcher: ["/((?!api/|_next/|favicon.ico|.*\\.(?:svg|png|ico)$).*)"],
};
