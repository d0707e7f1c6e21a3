import "server-only";
import path from "node:path";
import { closeQueueEvents, createDispatchLoop, createSmtpMailer, sealPlainWebhookUrls, shareQueueEvents } from "@outpost/api";
import { openDatabase } from "@outpost/db";
import { env, publicUrl } from "~/env";
import { getDatabaseHandle } from "./db";
import { demoCredentials } from "./demo-credentials";
import { startHostedRunner } from "./hosted-runner";
import { drainHttpServers, trackHttpServers } from "./http-drain";
import { localSecret } from "./local-secrets";
import { markClosing, registerDispatchLoop } from "./process-state";
import { secretCipher } from "./secrets";
import { handleShutdownSignals } from "./shutdown";

/** How long requests in progress (results being submitted, say) get to finish once the shutdown closes the server. */
const HTTP_GRACE_MS = 10_000;
/** Within the 30 s orchestrators usually allow between SIGTERM and SIGKILL. */
const SHUTDOWN_LIMIT_MS = 25_000;

/**
 * Start-up of a console process: configuration is validated, the session secret is in place, the
 * database is migrated (and seeded on first start), and the operator is told where to sign in.
 */
export async function boot() {
  try {
    await start();
  } catch (error) {
    // A console that cannot reach its database or read its configuration must not serve errors.
    console.error(`\nOutpost console cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

async function start() {
  const config = env();
  // Auth.js reads its signing secret from AUTH_SECRET; a local installation generates one once.
  process.env.AUTH_SECRET ??= localSecret("auth-secret");
  // Auth.js takes its URL from AUTH_URL: with an https public URL, cookies are Secure (and
  // __Secure- named) even when the TLS-terminating proxy forgets X-Forwarded-Proto.
  if (config.OUTPOST_URL) process.env.AUTH_URL ??= publicUrl();
  trackHttpServers();

  const secrets = secretCipher(); // an invalid OUTPOST_SECRET_KEY stops the start, not the first save
  const handle = await getDatabaseHandle();
  const sealed = await sealPlainWebhookUrls(handle.db, secrets);
  if (sealed.monitors + sealed.notifications > 0) {
    console.log(`Sealed the webhook URLs of ${sealed.monitors} monitors and ${sealed.notifications} queued notifications stored in clear.`);
  }
  const lines = [
    "",
    `Outpost console is ready: ${publicUrl()}`,
    `Database: ${handle.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : `embedded, in ${config.OUTPOST_DATA_DIR}/pglite`}`,
  ];
  lines.push(`Hosted runner (Auto-select monitors): ${config.OUTPOST_HOSTED_RUNNER}`);
  const mailer = config.OUTPOST_SMTP_URL
    ? createSmtpMailer({
        url: config.OUTPOST_SMTP_URL,
        from: config.OUTPOST_MAIL_FROM ?? `Outpost <outpost@${new URL(publicUrl()).hostname}>`,
      })
    : null;
  lines.push(
    mailer
      ? `Email notifications: via ${mailer.describe}`
      : "Email notifications: off, OUTPOST_SMTP_URL is not set (email notifications are recorded as not sent; webhooks still go out)",
  );
  const demo = demoCredentials();
  if (demo && config.OUTPOST_SEED_DEMO === "true") {
    lines.push(`Demo sign-in: ${demo.emails.join(" or ")}`, `Demo password: ${demo.password}  (for local use only)`);
  }
  console.log(lines.join("\n") + "\n");

  // Scheduling, sweeping and sending notifications run in every console process; row locks keep them from colliding.
  // On PostgreSQL the loop has connections of its own: behind the runners' claims and results in
  // the shared pool, a minute's scheduling fell many seconds behind (docs/benchmarks.md).
  const loopHandle = config.DATABASE_URL ? openDatabase({ kind: "postgres", url: config.DATABASE_URL, poolSize: 2 }) : handle;
  const loop = createDispatchLoop({
    db: loopHandle.db,
    notifier: { mailer, secrets, publicUrl: publicUrl(), log: (line) => console.warn(`notifications: ${line}`) },
    onError: (error) => console.error("dispatch loop iteration failed:", error),
  });
  loop.start();
  registerDispatchLoop(loop);
  // Other console processes on the same PostgreSQL database hear about the runs queued here, and back.
  const queueEvents = handle.pool
    ? await shareQueueEvents(handle.pool, (error) => console.error("queue notifications interrupted:", error))
    : undefined;
  const hosted =
    config.OUTPOST_HOSTED_RUNNER === "on"
      ? startHostedRunner({
          port: config.PORT,
          concurrency: config.OUTPOST_HOSTED_RUNNER_CONCURRENCY,
          dataDir: path.join(config.OUTPOST_DATA_DIR, "hosted-runner"),
          log: (line) => console.log(`hosted runner: ${line}`),
        })
      : undefined;

  handleShutdownSignals({
    hardLimitMs: SHUTDOWN_LIMIT_MS,
    log: (line) => console.log(line),
    run: async () => {
      // Stop taking work: health answers 503, waiting runner claims answer "no runs" at once.
      markClosing();
      closeQueueEvents();
      // The hosted runner finishes or hands back its runs through this server, so that comes first.
      await Promise.all([loop.stop(), hosted?.stop()]);
      // Requests in progress (a runner submitting a result, a page saving) finish; new ones are refused.
      const cut = await drainHttpServers(HTTP_GRACE_MS);
      if (cut > 0) console.warn(`requests still running after ${HTTP_GRACE_MS / 1000} s were cut`);
      await queueEvents?.close();
      mailer?.close();
      if (loopHandle !== handle) await loopHandle.close();
      await handle.close();
    },
  });
}
