// The built console (`next start` on apps/console/.next) as its own process, signed into over plain
// HTTP the way a browser would: for tests of what only the real server does (headers, cookies,
// cross-site refusal, shutdown). Building is not a test's job: without a build these tests skip.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDatabase, type TestDatabase } from "@outpost/db/testing";
import { until } from "./until";

const CONSOLE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DEMO_PASSWORD = "built-console-demo-password";
export const DEMO_ADMIN = "admin@acme.test";

/** Why the built-console tests cannot run here, or undefined when they can. */
export function missingBuild(): string | undefined {
  if (fs.existsSync(path.join(CONSOLE_DIR, ".next", "BUILD_ID"))) return undefined;
  return "no console build in apps/console/.next: run `pnpm --filter @outpost/console build` first";
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export type BuiltConsole = Awaited<ReturnType<typeof startBuiltConsole>>;

/**
 * Starts the console on a fresh database of the suite's kind (OUTPOST_TEST_DB): a PostgreSQL
 * database of its own, or an embedded one in a temporary data folder. Demo users are seeded.
 */
export async function startBuiltConsole(env: Record<string, string> = {}) {
  const port = await freePort();
  const database: TestDatabase | undefined = process.env.OUTPOST_TEST_DB === "postgres" ? await createTestDatabase() : undefined;
  const nextBin = createRequire(path.join(CONSOLE_DIR, "package.json")).resolve("next/dist/bin/next");
  const child = spawn(process.execPath, [nextBin, "start", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: CONSOLE_DIR,
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      OUTPOST_URL: `http://127.0.0.1:${port}`,
      OUTPOST_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "outpost-built-console-")),
      OUTPOST_DEMO_PASSWORD: DEMO_PASSWORD,
      ...(database ? { DATABASE_URL: database.url! } : {}),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  await until("the console to answer", 90_000, async () => {
    if (child.exitCode !== null) throw new Error(`The console exited on start:\n${output.slice(-3000)}`);
    const live = await fetch(`${url}/api/health/live`).catch(() => undefined);
    return live?.ok ? true : undefined;
  });

  return {
    url,
    child,
    exited,
    output: () => output,
    /** Ends the process (if it still runs) and removes its database. */
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        // SIGTERM first, so the console stops its hosted runner rather than leaving it orphaned.
        child.kill("SIGTERM");
        const killer = setTimeout(() => child.kill("SIGKILL"), 30_000);
        await exited;
        clearTimeout(killer);
      }
      await exited;
      await database?.close();
    },
  };
}

/** Session cookies as a Cookie header, from Set-Cookie answers. */
export function cookieHeader(response: Response, previous = ""): string {
  const jar = new Map(previous.split("; ").filter(Boolean).map((pair) => pair.split(/=(.*)/s, 2) as [string, string]));
  for (const line of response.headers.getSetCookie()) {
    const [pair = ""] = line.split(";");
    const [name = "", value = ""] = pair.split(/=(.*)/s, 2);
    jar.set(name, value);
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

/**
 * Signs in through Auth.js's credentials endpoint as a form post would: CSRF token first, then the
 * form. Returns the sign-in answer (to read its Set-Cookie) and the cookies to send from then on.
 */
export async function signInOverHttp(url: string, headers: Record<string, string> = {}, password = DEMO_PASSWORD) {
  const csrf = await fetch(`${url}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(csrf) },
    body: new URLSearchParams({ email: DEMO_ADMIN, password, csrfToken, callbackUrl: "/" }),
  });
  return { response, cookie: cookieHeader(response, cookieHeader(csrf)) };
}

/** Calls a tRPC procedure of the running console the way its pages do (superjson envelope). */
export async function callTrpc(url: string, procedure: string, input: unknown, init: { cookie: string; headers?: Record<string, string> }) {
  const response = await fetch(`${url}/api/trpc/${procedure}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: init.cookie, ...init.headers },
    body: JSON.stringify({ json: input }),
  });
  const body = (await response.json().catch(() => null)) as { result?: { data?: { json?: unknown } } } | null;
  return { status: response.status, data: body?.result?.data?.json, body };
}
