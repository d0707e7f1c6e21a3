import "server-only";
import { randomBytes } from "node:crypto";
import { createSecretCipher, parseSecretKey, type SecretCipher } from "@outpost/api";
import { env } from "~/env";
import { localSecret } from "./local-secrets";

let cipher: SecretCipher | undefined;

/** The cipher for secrets at rest, keyed by OUTPOST_SECRET_KEY (or a key generated once locally). */
export function secretCipher(): SecretCipher {
  cipher ??= createSecretCipher(
    parseSecretKey(env().OUTPOST_SECRET_KEY ?? localSecret("secret-key", () => randomBytes(32).toString("base64"))),
  );
  return cipher;
}
