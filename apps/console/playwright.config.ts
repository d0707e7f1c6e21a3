import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { E2E_DEMO_PASSWORD } from "./e2e/constants";

const PORT = Number(process.env.E2E_PORT ?? 3100);
/** A second console on PostgreSQL (an empty database the run may fill) for the runner and results end to end. */
const POSTGRES_URL = process.env.E2E_DATABASE_URL;
const POSTGRES_PORT = Number(process.env.E2E_POSTGRES_PORT ?? PORT + 1);

/** The built console, on a data folder of its own so runs never share state. */
function consoleServer(port: number, databaseUrl?: string) {
  return {
    command: "pnpm start",
    url: `http://127.0.0.1:${port}/sign-in`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe" as const,
    env: {
      PORT: String(port),
      OUTPOST_URL: `http://127.0.0.1:${port}`,
      OUTPOST_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "outpost-e2e-")),
      OUTPOST_DEMO_PASSWORD: E2E_DEMO_PASSWORD,
      NEXT_TELEMETRY_DISABLED: "1",
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
  };
}

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's chromium, never a downloaded browser.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"] } },
    ...(POSTGRES_URL
      ? [
          {
            name: "chromium on PostgreSQL",
            testMatch: /(runner-run|results)\.spec\.ts/,
            use: { ...devices["Desktop Chrome"], baseURL: `http://127.0.0.1:${POSTGRES_PORT}` },
          },
        ]
      : []),
  ],
  webServer: [consoleServer(PORT), ...(POSTGRES_URL ? [consoleServer(POSTGRES_PORT, POSTGRES_URL)] : [])],
});
