import type { NextAuthConfig } from "next-auth";

/**
 * The part of the configuration that needs no database, for the request proxy: it only reads the
 * session cookie. The full configuration (config.ts) adds the providers that look users up.
 */
export const edgeAuthConfig = {
  pages: { signIn: "/sign-in" },
  session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
  trustHost: true,
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      const { pathname } = request.nextUrl;
      const isPublic = pathname === "/sign-in" || pathname.startsWith("/api/");
      return isPublic || Boolean(auth?.user);
    },
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
} satisfies NextAuthConfig;
