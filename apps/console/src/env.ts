import { z } from "zod";

const optionalText = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();

const Env = z.object({
  /** PostgreSQL connection string; unset: the embedded database in OUTPOST_DATA_DIR. */
  DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  /** Local state: the embedded database, and generated secrets when none are configured. */
  OUTPOST_DATA_DIR: z.string().default(".data"),
  /** The console's public URL, as runners and browsers reach it. */
  OUTPOST_URL: optionalText.pipe(z.url().optional()),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  /** Signs session cookies. Unset: generated once and kept in OUTPOST_DATA_DIR. */
  AUTH_SECRET: optionalText.pipe(z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional()),
  /** 32 bytes, base64: encrypts secret values at rest. Unset: generated once and kept in OUTPOST_DATA_DIR. */
  OUTPOST_SECRET_KEY: optionalText,
  OUTPOST_SEED_DEMO: z.enum(["true", "false"]).default("true"),
  /** The hosted runner that executes Auto-select monitors, started by each console process. */
  OUTPOST_HOSTED_RUNNER: z.enum(["on", "off"]).default("on"),
  /**
   * Reverse proxies in front of the console that append the client's address to X-Forwarded-For
   * (0: none, the console is reached directly). Only their hops are trusted: see docs/adr/0008.
   */
  OUTPOST_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  /** Runs the hosted runner executes at once. */
  OUTPOST_HOSTED_RUNNER_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(4),
  /** Mail server for notification emails: smtp://user:pass@host:587 (STARTTLS) or smtps://…:465. Unset: no emails. */
  OUTPOST_SMTP_URL: optionalText.pipe(z.url({ protocol: /^smtps?$/, error: "OUTPOST_SMTP_URL must be an smtp:// or smtps:// URL" }).optional()),
  /** The From of notification emails, e.g. "Outpost <outpost@example.com>". Unset: outpost@ the console's host name. */
  OUTPOST_MAIL_FROM: optionalText,
  /** Demo users' password. Unset: generated at first start and kept in OUTPOST_DATA_DIR. */
  OUTPOST_DEMO_PASSWORD: optionalText.pipe(z.string().min(8).optional()),
  AUTH_GITHUB_ID: optionalText,
  AUTH_GITHUB_SECRET: optionalText,
  AUTH_OIDC_ISSUER: optionalText.pipe(z.url().optional()),
  AUTH_OIDC_ID: optionalText,
  AUTH_OIDC_SECRET: optionalText,
  AUTH_OIDC_NAME: z.string().default("Single sign-on"),
});
export type Env = z.infer<typeof Env>;

let cached: Env | undefined;

/** The console's configuration, read from the environment once and validated. */
export function env(): Env {
  if (cached) return cached;
  const parsed = Env.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${problems.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

export function publicUrl(): string {
  const { OUTPOST_URL, PORT } = env();
  return (OUTPOST_URL ?? `http://localhost:${PORT}`).replace(/\/$/, "");
}
