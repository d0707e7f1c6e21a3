import "server-only";
import { createAuth, enabledOAuthProviders, type OAuthProviderSettings } from "@outpost/auth/config";
import { env } from "~/env";
import { getDb } from "./db";

function oauthSettings(): OAuthProviderSettings {
  const e = env();
  return {
    github:
      e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET
        ? { clientId: e.AUTH_GITHUB_ID, clientSecret: e.AUTH_GITHUB_SECRET }
        : undefined,
    oidc:
      e.AUTH_OIDC_ISSUER && e.AUTH_OIDC_ID && e.AUTH_OIDC_SECRET
        ? { issuer: e.AUTH_OIDC_ISSUER, clientId: e.AUTH_OIDC_ID, clientSecret: e.AUTH_OIDC_SECRET, name: e.AUTH_OIDC_NAME }
        : undefined,
  };
}

export const { auth, handlers, signIn, signOut } = createAuth({ getDb, oauth: oauthSettings });

export const oauthProviders = () => enabledOAuthProviders(oauthSettings());
