import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "./fixtures";
import { ADMIN, signIn } from "./helpers";

// The whole product path: a Team Admin copies the wizard's command, pastes it into a shell at the
// repository root (after the README's set-up), the runner comes online, and a monitor run on it
// reaches a real API and ends in the console. Auto-select monitors run on the console's own
// hosted runner the same way.

test.use({ permissions: ["clipboard-read", "clipboard-write"] });
test.describe.configure({ timeout: 120_000 });

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const stamp = Date.now();
let target: http.Server;
let targetUrl: string;
const runners: ChildProcess[] = [];

test.beforeAll(async () => {
  // The internal API under watch: up, but reporting itself degraded.
  target = http.createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"status":"degraded"}'));
  await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  for (const runner of runners) if (runner.exitCode === null) runner.kill("SIGKILL");
  await new Promise((resolve) => target?.close(resolve));
});

function collection(name: string, expectedStatus: string) {
  return {
    info: { name, schema: "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
    item: [
      {
        name: "Health",
        request: { method: "GET", url: `${targetUrl}/health` },
        event: [
          {
            listen: "test",
            script: {
              exec: [
                'pm.test("Status code is 200", () => pm.response.to.have.status(200));',
                `pm.test("Service is ${expectedStatus}", () => pm.expect(pm.response.json().status).to.eql("${expectedStatus}"));`,
              ],
            },
          },
        ],
      },
    ],
  };
}

/** The copied command, run as a user would: in bash, at the repository root, after the README's set-up. */
function runPastedCommand(command: string) {
  const runner = spawn("bash", ["-c", `export PATH="$PWD/node_modules/.bin:$PATH" && ${command}`], {
    cwd: repositoryRoot,
    env: { ...process.env, OUTPOST_RUNNER_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "outpost-runner-")) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  runners.push(runner);
  let output = "";
  runner.stdout!.on("data", (chunk) => (output += chunk));
  runner.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => runner.on("exit", (code) => resolve(code)));
  return { runner, output: () => output, exited };
}

async function createMonitor(page: Page, name: string, definition: object, choose: (page: Page) => Promise<void>) {
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Monitors" }).first().click();
  await page.getByRole("link", { name: "Create Monitor" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Import collection" }).click();
  const importDialog = page.getByRole("dialog", { name: "Import collection" });
  await importDialog.getByLabel("Collection JSON").fill(JSON.stringify(definition));
  await importDialog.getByRole("button", { name: "Import" }).click();
  await expect(importDialog).toBeHidden();
  await choose(page);
  await page.getByRole("button", { name: "Create Monitor" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
}

/** Run now, then the monitor page (reloaded while the run is on its way) shows the outcome. */
async function runNowAndExpect(page: Page, status: "Healthy" | "Failing") {
  await page.getByRole("button", { name: "Actions" }).click();
  await page.getByRole("button", { name: "Run now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Run queued." })).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(status, { exact: true }).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
}

test("the wizard's command, pasted into a shell, brings a runner online that runs a monitor", async ({ page }) => {
  await signIn(page, ADMIN.email);
  await page.getByRole("link", { name: "Team Settings" }).click();
  await page.getByRole("navigation", { name: "Team Settings" }).getByRole("link", { name: "Runners" }).click();
  await page.getByRole("button", { name: "Add Runner" }).click();
  const wizard = page.getByRole("dialog", { name: "Add Runner" });
  await wizard.getByLabel("Name").fill(`Data centre ${stamp}`);
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByRole("button", { name: "Next: Install Runner" }).click();
  const install = page.getByRole("dialog", { name: "Install Runner" });
  await install.getByRole("button", { name: "Copy to clipboard" }).click();
  const command = await page.evaluate(() => navigator.clipboard.readText());
  await install.getByRole("button", { name: "Done" }).click();

  const started = runPastedCommand(command);
  const row = page.getByRole("row").filter({ hasText: `Data centre ${stamp}` });
  await expect(async () => {
    await page.reload();
    await expect(row).toContainText("Healthy", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });

  await createMonitor(page, `Ledger ${stamp}`, collection(`Ledger API ${stamp}`, "ok"), async (editor) => {
    await editor.getByLabel("Manually Select").check();
    await editor.getByRole("list", { name: "Runners visible in this workspace" }).getByLabel(`Data centre ${stamp}`).check();
  });
  // The API answers "degraded" where the test expects "ok": the run fails, and says so.
  await runNowAndExpect(page, "Failing");

  started.runner.kill("SIGTERM");
  expect(await started.exited).toBe(0);
  expect(started.output()).toContain('"msg":"result delivered"');
  expect(started.output()).not.toContain(command.split("--key ")[1]!);
});

test("an Auto-select monitor runs on the console's hosted runner", async ({ page }) => {
  await signIn(page, ADMIN.email);
  await createMonitor(page, `Status page ${stamp}`, collection(`Status API ${stamp}`, "degraded"), async (editor) => {
    await expect(editor.getByLabel("Auto-select")).toBeChecked();
  });
  await runNowAndExpect(page, "Healthy");
});
