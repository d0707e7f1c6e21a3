import "server-only";
import { createDispatchLoop } from "@outpost/api";
import { env, publicUrl } from "~/env";
import { getDatabaseHandle } from "./db";
import { demoCredentials } from "./demo-credentials";
import { localSecret } from "./local-secrets";
import { secretCipher } from "./secrets";

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

  secretCipher(); // an invalid OUTPOST_SECRET_KEY stops the start, not the first save
  const handle = await getDatabaseHandle();
  const lines = [
    "",
    `Outpost console is ready: ${publicUrl()}`,
    `Database: ${handle.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : `embedded, in ${config.OUTPOST_DATA_DIR}/pglite`}`,
  ];
  const demo = demoCredentials();
  if (demo && config.OUTPOST_SEED_DEMO === "true") {
    lines.push(`Demo sign-in: ${demo.emails.join(" or ")}`, `Demo password: ${demo.password}  (for local use only)`);
  }
  console.log(lines.join("\n") + "\n");

  // Scheduling and sweeping run in every console process; row locks keep them from colliding.
  const loop = createDispatchLoop({
    db: handle.db,
    onError: (error) => console.error("dispatch loop iteration failed:", error),
  });
  loop.start();

  const shutdown = () => {
    void loop
      .stop()
      .then(() => handle.close())
      .finally(() => process.exit(0));
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}
