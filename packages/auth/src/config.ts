import { and, eq } from "drizzle-orm";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import type { Provider } from "next-auth/providers";
import { z } from "zod";
import { accounts, users, type Database } from "@outpost/db";
import { edgeAuthConfig } from "./edge-config";
import { verifyAgainstNothing, verifyPassword } from "./password";

export type OAuthProviderSettings = {
  github?: { clientId: string; clientSecret: string };
  oidc?: { issuer: string; clientId: string; clientSecret: string; name: string };
};

export type AuthOptions = {
  getDb: () => Promise<Database>;
  /** Read on first use, not at import, so building the app needs no configuration. */
  oauth: () => OAuthProviderSettings;
};

const Credentials_ = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1_024),
});

class InvalidCredentials extends CredentialsSignin {
  override code = "invalid_credentials";
}

function oauthProviders(settings: OAuthProviderSettings = {}): Provider[] {
  const providers: Provider[] = [];
  if (settings.github) providers.push(GitHub(settings.github));
  if (settings.oidc) {
    providers.push({
      id: "oidc",
      name: settings.oidc.name,
      type: "oidc",
      issuer: settings.oidc.issuer,
      clientId: settings.oidc.clientId,
      clientSecret: settings.oidc.clientSecret,
    });
  }
  return providers;
}

/** Names and ids of the OAuth/OIDC providers that configuration switched on, for the sign-in page. */
export function enabledOAuthProviders(settings: OAuthProviderSettings = {}) {
  return oauthProviders(settings).map((provider) => {
    const p = typeof provider === "function" ? provider() : provider;
    return { id: p.id, name: p.name };
  });
}

/** The signing secret comes from AUTH_SECRET, which the console sets before it serves requests. */
export function createAuth({ getDb, oauth }: AuthOptions) {
  const config = (): NextAuthConfig => ({
    ...edgeAuthConfig,
    logger: {
      // A wrong password is an expected outcome, answered on the form; not an error to log.
      error(error) {
        if (error.name === "CredentialsSignin") return;
        console.error(`[auth] ${error.name}: ${error.message}`);
      },
    },
    providers: [
      Credentials({
        credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
        async authorize(raw) {
          const parsed = Credentials_.safeParse(raw);
          if (!parsed.success) throw new InvalidCredentials();
          const db = await getDb();
          const [user] = await db.select().from(users).where(eq(users.email, parsed.data.email));
          const ok = user?.passwordHash
            ? await verifyPassword(user.passwordHash, parsed.data.password)
            : await verifyAgainstNothing(parsed.data.password);
          if (!user || !ok) throw new InvalidCredentials();
          return { id: user.id, email: user.email, name: user.name };
        },
      }),
      ...oauthProviders(oauth()),
    ],
    callbacks: {
      ...edgeAuthConfig.callbacks,
      /**
       * OAuth/OIDC sign-in is for people who already have an Outpost user (created by an admin):
       * the provider's verified email finds the user, and the link is remembered.
       */
      async signIn({ user, account, profile }) {
        if (!account || account.type === "credentials") return true;
        const db = await getDb();
        const [linked] = await db
          .select({ userId: accounts.userId })
          .from(accounts)
          .where(and(eq(accounts.provider, account.provider), eq(accounts.providerAccountId, account.providerAccountId)));
        if (linked) {
          user.id = linked.userId;
          return true;
        }
        const email = user.email?.toLowerCase();
        if (!email || profile?.email_verified === false) return false;
        const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
        if (!existing) return false;
        await db
          .insert(accounts)
          .values({ provider: account.provider, providerAccountId: account.providerAccountId, userId: existing.id })
          .onConflictDoNothing();
        user.id = existing.id;
        return true;
      },
    },
  });
  return NextAuth(config);
}
