import fs from "node:fs/promises";
import { expect, test, type Page } from "./fixtures";
import { DEVELOPER, signIn } from "./helpers";

// Other specs work in Payments; this one keeps to Platform and never assumes an empty table.
const stamp = Date.now();

function postmanCollection(name: string) {
  return {
    info: { name, schema: "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
    item: [
      { name: "Health", request: { method: "GET", url: "http://127.0.0.1:9/health" } },
      { name: "Orders", item: [{ name: "List orders", request: { method: "GET", url: "http://127.0.0.1:9/orders" } }] },
    ],
  };
}

async function api<T>(page: Page, procedure: string, input: unknown, method: "GET" | "POST" = "POST"): Promise<T> {
  const response =
    method === "POST"
      ? await page.request.post(`/api/trpc/${procedure}`, { data: { json: input } })
      : await page.request.get(`/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()).result.data.json as T;
}

async function openPlatformCollections(page: Page) {
  await signIn(page, DEVELOPER.email);
  const workspaces = await api<Array<{ id: string; name: string }>>(page, "workspace.list", undefined, "GET");
  const platform = workspaces.find((w) => w.name === "Platform")!;
  await page.goto(`/workspaces/${platform.id}/collections`);
  await expect(page.getByRole("heading", { name: "Collections", level: 1 })).toBeVisible();
  return platform;
}

async function importByPasting(page: Page, name: string) {
  await page.getByRole("button", { name: "Import collection" }).click();
  const dialog = page.getByRole("dialog", { name: "Import collection" });
  await dialog.getByLabel("Collection JSON").fill(JSON.stringify(postmanCollection(name)));
  await dialog.getByRole("button", { name: "Import" }).click();
  await expect(dialog).toBeHidden();
  return page.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
}

test("a developer imports a collection, exports it as a file and deletes it", async ({ page }) => {
  const name = `Orders API ${stamp}`;
  await openPlatformCollections(page);
  const row = await importByPasting(page, name);
  await expect(row).toBeVisible();
  await expect(row.getByRole("cell").first()).toHaveText("2");

  await row.getByRole("button", { name: "Actions" }).click();
  const downloading = page.waitForEvent("download");
  await row.getByRole("button", { name: "Export" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${name}.postman_collection.json`);
  const exported = JSON.parse(await fs.readFile((await download.path())!, "utf8"));
  expect(exported.info.name).toBe(name);

  await row.getByRole("button", { name: "Actions" }).click();
  await row.getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete collection" });
  await expect(confirm).toContainText(name);
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toHaveCount(0);
});

test("a collection a monitor runs can't be deleted, and the dialog says why", async ({ page }) => {
  const name = `Billing API ${stamp}`;
  const platform = await openPlatformCollections(page);
  const row = await importByPasting(page, name);
  const collections = await api<Array<{ id: string; name: string }>>(page, "collection.list", { workspaceId: platform.id }, "GET");
  const collection = collections.find((c) => c.name === name)!;
  await api(page, "monitor.create", {
    workspaceId: platform.id,
    name: `Billing check ${stamp}`,
    collectionId: collection.id,
    schedule: { kind: "weekly", weekday: 0, time: "03:00" },
  });

  await row.getByRole("button", { name: "Actions" }).click();
  await row.getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete collection" });
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(confirm.getByRole("alert")).toContainText(`is used by the monitor "Billing check ${stamp}"`);
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(row).toBeVisible();
});
