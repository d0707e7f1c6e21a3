import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = "v1";
const IV_BYTES = 12;
const KEY_BYTES = 32;

export type SecretCipher = {
  /** AES-256-GCM with a fresh IV: `v1.<iv>.<tag>.<ciphertext>`, each base64url. */
  encrypt: (plaintext: string) => string;
  /** The plaintext of an envelope; throws when it was not made with this key or was altered. */
  decrypt: (envelope: string) => string;
};

/** Reads a 32-byte key given as base64 or base64url (e.g. `openssl rand -base64 32`). */
export function parseSecretKey(text: string): Buffer {
  const key = Buffer.from(text.trim(), "base64");
  if (key.length !== KEY_BYTES) throw new Error(`The secret key must be ${KEY_BYTES} bytes, base64-encoded.`);
  return key;
}

export function createSecretCipher(key: Buffer): SecretCipher {
  if (key.length !== KEY_BYTES) throw new Error(`The secret key must be ${KEY_BYTES} bytes.`);
  return {
    encrypt(plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
    },
    decrypt(envelope) {
      const [version, iv, tag, ciphertext] = envelope.split(".");
      if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error("Not a secret envelope.");
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
    },
  };
}
