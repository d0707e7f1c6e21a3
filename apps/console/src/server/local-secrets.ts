import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "~/env";

/**
 * A secret kept in the data folder, made once on first use and readable only by this user, so a
 * local installation works without configuration. Production sets the value in the environment.
 */
export function localSecret(name: string, make: () => string = () => randomBytes(32).toString("base64url")) {
  const file = path.resolve(env().OUTPOST_DATA_DIR, name);
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const value = make();
  try {
    fs.writeFileSync(file, value, { mode: 0o600, flag: "wx" });
    return value;
  } catch (error) {
    // Another process wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return fs.readFileSync(file, "utf8").trim();
    throw error;
  }
}

export function readLocalSecret(name: string): string | undefined {
  try {
    return fs.readFileSync(path.resolve(env().OUTPOST_DATA_DIR, name), "utf8").trim();
  } catch {
    return undefined;
  }
}
