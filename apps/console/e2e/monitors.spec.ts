import { expect, test, type Page } from "./fixtures";
import { ADMIN, DEVELOPER, signIn } from "./helpers";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

const stamp = Date.now();
const collectionName = `Payments API ${stamp}`;
const collection = {
  info: { name: collectionName, schema: "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
  item: [{ name: "Health", request: { method: "GET", url: "http://127.0.0.1:9/health" } }],
};

async function api<T>(page: Page, procedure: string, input: unknown, method: "GET" | "POST" = "POST"): Promise<T> {
  const response =
    method === "POST"
      ? await page.request.post(`/api/trpc/${procedure}`, { data: { json: input } })
      : await page.request.get(`/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()).result.data.json as T;
}

test("an admin adds a runner from inside the monitor editor and the monitor uses it", async ({ page }) => {
  await signIn(page, ADMIN.email);
  const workspaces = await api<Array<{ id: string; name: string }>>(page, "workspace.list", undefined, "GET");
  const platform = workspaces.find((w) => w.name === "Platform")!;
  await api(page, "runner.create", {
    name: `Platform only ${stamp}`,
    description: "",
    source: "runner_settings",
    visibility: { visibility: "selected_workspace", workspaceId: platform.id },
  });

  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Monitors" }).first().click();
  await page.getByRole("link", { name: "Create Monitor" }).click();
  await page.getByLabel("Name").fill(`Checkout ${stamp}`);
  await page.getByRole("button", { name: "Import collection" }).click();
  const importDialog = page.getByRole("dialog", { name: "Import collection" });
  await importDialog.getByLabel("Collection JSON").fill(JSON.stringify(collection));
  await importDialog.getByRole("button", { name: "Import" }).click();
  await expect(importDialog).toBeHidden();
  await expect(page.getByLabel("Collection")).toHaveValue(/[0-9a-f-]{36}/);

  await page.getByLabel("Manually Select").check();
  const offered = page.getByRole("list", { name: "Runners visible in this workspace" });
  await expect(offered.getByText(`Platform only ${stamp}`)).toHaveCount(0);

  await page.getByRole("button", { name: "Add Runner" }).click();
  const wizard = page.getByRole("dialog", { name: "Add Runner" });
  await expect(wizard.getByText("Runners created here are visible in all internal workspaces in your team.")).toBeVisible();
  await wizard.getByLabel("Name").fill(`Edge ${stamp}`);
  await wizard.getByRole("button", { name: "Next: Install Runner" }).click();
  const install = page.getByRole("dialog", { name: "Install Runner" });
  const shown = (await install.getByLabel("Runner command").textContent()) ?? "";
  expect(shown).toMatch(/^outpost runner start --url .* --id [0-9a-f-]{36} --key opk_/);
  await install.getByRole("button", { name: "Copy to clipboard" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
  await install.getByRole("button", { name: "Done" }).click();

  await expect(offered.getByLabel(`Edge ${stamp}`)).toBeChecked();
  await page.getByRole("button", { name: "Create Monitor" }).click();
  await expect(page.getByRole("heading", { name: `Checkout ${stamp}` })).toBeVisible();
  // Named in the results summary and in the monitor details.
  await expect(page.getByText(`Edge ${stamp}`).first()).toBeVisible();
  await expect(page.getByText("created the monitor")).toBeVisible();
});

test("a developer creates a monitor on a visible runner and runs it now", async ({ page }) => {
  await signIn(page, DEVELOPER.email);
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Monitors" }).first().click();
  await page.getByRole("link", { name: "Create Monitor" }).click();
  await page.getByLabel("Name").fill(`Refunds ${stamp}`);
  await page.getByLabel("Collection").selectOption({ label: collectionName });
  await page.getByLabel("Frequency").selectOption("daily");
  await page.getByLabel("Time", { exact: true }).fill("07:30");
  await page.getByLabel("Manually Select").check();
  const offered = page.getByRole("list", { name: "Runners visible in this workspace" });
  await expect(offered.getByText(`Platform only ${stamp}`)).toHaveCount(0);
  // Only Team Admins add runners.
  await expect(page.getByRole("button", { name: "Add Runner" })).toHaveCount(0);
  await offered.getByLabel(`Edge ${stamp}`).check();
  await page.getByRole("button", { name: "Create Monitor" }).click();

  await expect(page.getByRole("heading", { name: `Refunds ${stamp}` })).toBeVisible();
  await expect(page.getByText(/Daily at 07:30/)).toBeVisible();
  await page.getByRole("button", { name: "Actions" }).click();
  await page.getByRole("button", { name: "Run now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Run queued." })).toBeVisible();

  await page.getByRole("link", { name: /Monitors$/ }).first().click();
  const row = page.getByRole("row").filter({ hasText: `Refunds ${stamp}` });
  await expect(row).toContainText(`Edge ${stamp}`);
  await expect(row).toContainText("No runs yet");
});

test("a monitor's webhook URL is saved, never shown again, kept on save and removed on request", async ({ page }) => {
  const url = `https://hooks.example.com/services/T0/B0/token${stamp}`;
  await signIn(page, DEVELOPER.email);
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Monitors" }).first().click();
  await page.getByRole("link", { name: "Create Monitor" }).click();
  await page.getByLabel("Name").fill(`Webhooks ${stamp}`);
  await page.getByLabel("Collection").selectOption({ label: collectionName });
  await page.getByLabel("Webhook URL").fill(url);
  await page.getByRole("button", { name: "Create Monitor" }).click();
  await expect(page.getByRole("heading", { name: `Webhooks ${stamp}` })).toBeVisible();
  const [, workspaceId, monitorId] = /\/workspaces\/([^/]+)\/monitors\/([^/?]+)/.exec(page.url())!;
  const stored = async () =>
    (await api<{ notifications: Record<string, unknown> }>(page, "monitor.get", { workspaceId, monitorId }, "GET")).notifications;

  await page.goto(`/workspaces/${workspaceId}/monitors/${monitorId}/edit`);
  const field = page.getByLabel("Webhook URL");
  await expect(field).toHaveValue("");
  await expect(field).toHaveAttribute("placeholder", "Saved: posts to hooks.example.com. Enter a URL to replace it.");
  expect(await page.content()).not.toContain(`token${stamp}`);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { name: `Webhooks ${stamp}` })).toBeVisible();
  expect(await stored()).toMatchObject({ webhookHost: "hooks.example.com" });
  expect(JSON.stringify(await stored())).not.toContain(`token${stamp}`);

  await page.goto(`/workspaces/${workspaceId}/monitors/${monitorId}/edit`);
  await page.getByRole("button", { name: "Remove webhook" }).click();
  await expect(page.getByText("The webhook to hooks.example.com is removed when you save.")).toBeVisible();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { name: `Webhooks ${stamp}` })).toBeVisible();
  expect(await stored()).toMatchObject({ webhookHost: null });
});
