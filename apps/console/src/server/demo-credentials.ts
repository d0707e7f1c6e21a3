import "server-only";
import { randomBytes } from "node:crypto";
import { DEMO_USERS } from "@outpost/db";
import { env } from "~/env";
import { localSecret, readLocalSecret } from "./local-secrets";

const DEMO_PASSWORD_FILE = "demo-password";

/** The demo users' password: configured, or generated on first start and kept in the data folder. */
export function demoPassword(): string {
  return env().OUTPOST_DEMO_PASSWORD ?? localSecret(DEMO_PASSWORD_FILE, () => randomBytes(9).toString("base64url"));
}

/** What the start-up banner prints, when this installation has demo users. */
export function demoCredentials() {
  const password = env().OUTPOST_DEMO_PASSWORD ?? readLocalSecret(DEMO_PASSWORD_FILE);
  if (!password) return null;
  return { emails: [DEMO_USERS.admin.email, DEMO_USERS.developer.email], password };
}
