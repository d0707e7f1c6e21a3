import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "./fixtures";
import { ADMIN, signIn } from "./helpers";

// A monitor with one passing and one failing request runs on the console's hosted runner (a real
// `outpost runner` process); its result reaches the results page without a reload, the filters
// narrow it, and the run's detail shows both tests and a script's console line.

test.describe.configure({ timeout: 120_000 });

const stamp = Date.now();
let target: http.Server;
let targetUrl: string;

test.beforeAll(async () => {
  // The internal API under watch: healthy, but its orders endpoint is down.
  target = http.createServer((req, res) => {
    const healthy = req.url?.startsWith("/health");
    res.writeHead(healthy ? 200 : 500, { "content-type": "application/json" });
    res.end(healthy ? '{"status":"ok"}' : '{"error":"orders database unavailable"}');
  });
  await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => target?.close(resolve));
});

const collection = () => ({
  info: { name: `Shop API ${stamp}`, schema: "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
  item: [
    {
      name: "Health",
      request: { method: "GET", url: `${targetUrl}/health` },
      event: [
        {
          listen: "test",
          script: {
            exec: [
              'console.log("health reports", pm.response.json().status);',
              'pm.test("Health is up", () => pm.response.to.have.status(200));',
            ],
          },
        },
      ],
    },
    {
      name: "Orders",
      request: { method: "GET", url: `${targetUrl}/orders` },
      event: [{ listen: "test", script: { exec: ['pm.test("Orders respond", () => pm.response.to.have.status(200));'] } }],
    },
  ],
});

async function createAutoSelectMonitor(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Monitors" }).first().click();
  await page.getByRole("link", { name: "Create Monitor" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Import collection" }).click();
  const importDialog = page.getByRole("dialog", { name: "Import collection" });
  await importDialog.getByLabel("Collection JSON").fill(JSON.stringify(collection()));
  await importDialog.getByRole("button", { name: "Import" }).click();
  await expect(importDialog).toBeHidden();
  await expect(page.getByLabel("Auto-select")).toBeChecked();
  await page.getByRole("button", { name: "Create Monitor" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
}

test("a run's result reaches the results page by itself, the filters narrow it, and its detail shows every test", async ({ page }) => {
  await signIn(page, ADMIN.email);
  await createAutoSelectMonitor(page, `Shop ${stamp}`);
  const history = page.getByRole("region", { name: "Run history" });
  await expect(history.getByText("No runs yet")).toBeVisible();

  await page.getByRole("button", { name: "Actions" }).click();
  await page.getByRole("button", { name: "Run now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Run queued." })).toBeVisible();

  // No reload: the page polls while the run is on its way.
  const runRow = history.getByRole("row").filter({ hasText: "Failure" });
  await expect(runRow).toBeVisible({ timeout: 60_000 });
  await expect(runRow).toContainText("Hosted runner");
  await expect(runRow).toContainText("Manual");
  await expect(runRow).toContainText("1 of 2 failed");
  const bars = page.getByTestId("run-chart").locator(".recharts-bar-rectangle path");
  await expect(bars.first()).toBeVisible();
  await expect(page.getByText("1 run: 1 Failure")).toBeVisible();

  // Each filter narrows the chart and the table.
  await page.getByLabel("Result", { exact: true }).selectOption("Successful");
  await expect(history.getByText("No runs match these filters")).toBeVisible();
  await expect(page.getByTestId("run-chart")).toHaveCount(0);
  await page.getByLabel("Result", { exact: true }).selectOption("Failure");
  await expect(runRow).toBeVisible();
  await page.getByLabel("Run type", { exact: true }).selectOption("Scheduled");
  await expect(history.getByText("No runs match these filters")).toBeVisible();
  await page.getByLabel("Run type", { exact: true }).selectOption("Manual");
  await page.getByLabel("Runner", { exact: true }).selectOption("Hosted runner");
  await expect(runRow).toBeVisible();
  await page.getByLabel("Request", { exact: true }).selectOption("Health");
  await expect(runRow).toContainText("1 passed");
  await expect(page.getByTestId("request-split-chart").getByText("Orders")).toHaveCount(0);
  await page.getByLabel("Request", { exact: true }).selectOption("Orders");
  await expect(runRow).toContainText("1 of 1 failed");
  await expect(page).toHaveURL(/result=failure/);
  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await expect(runRow).toContainText("1 of 2 failed");

  // A bar opens its run.
  await bars.first().click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Run of");
  await expect(page.getByText("Failure", { exact: true }).first()).toBeVisible();

  const health = page.getByRole("region", { name: "Health" });
  await expect(health).toContainText("GET");
  await expect(health).toContainText(`${targetUrl}/health`);
  await expect(health).toContainText("200");
  await expect(health.getByRole("listitem").filter({ hasText: "Health is up" })).toContainText("Pass");
  const orders = page.getByRole("region", { name: "Orders" });
  await expect(orders).toContainText("500");
  const failed = orders.getByRole("listitem").filter({ hasText: "Orders respond" });
  await expect(failed).toContainText("Fail");
  await expect(failed).toContainText("expected response to have status code 200 but got 500");

  await page.getByRole("tab", { name: "Console Log" }).click();
  const log = page.getByRole("list", { name: "Console log" });
  await expect(log.getByRole("listitem").filter({ hasText: "health reports ok" })).toContainText("Log");
  await expect(log).toContainText("Claimed by Hosted runner on instance");
  await expect(log).toContainText("Result: Failure — 1 of 2 tests failed");

  // And back: the run is in the workspace's dashboard too.
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Dashboard" }).first().click();
  const dashboardRow = page.getByRole("row").filter({ hasText: `Shop ${stamp}` });
  await expect(dashboardRow).toContainText("Failing");
  await expect(dashboardRow).toContainText("0%");
  await expect(dashboardRow.getByRole("img", { name: /Response times of the last 1 run/ })).toBeVisible();
});
