import { expect, test } from "./fixtures";
import { ADMIN, signIn } from "./helpers";

test("the request editor builds a collection that is valid v2.1", async ({ page }) => {
  const name = `Orders ${Date.now()}`;
  await signIn(page, ADMIN.email);
  const list = await page.request.get(`/api/trpc/workspace.list?input=${encodeURIComponent(JSON.stringify({ json: null }))}`);
  const workspaces = (await list.json()).result.data.json as Array<{ id: string; name: string }>;
  const platform = workspaces.find((w) => w.name === "Platform")!;
  const created = await page.request.post("/api/trpc/collection.create", { data: { json: { workspaceId: platform.id, name } } });
  const { id } = (await created.json()).result.data.json as { id: string };

  await page.goto(`/workspaces/${platform.id}/collections/${id}`);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await page.getByRole("button", { name: "Add request" }).click();
  await page.getByLabel("Request name").fill("Create order");
  await page.getByLabel("Method").selectOption("POST");
  await page.getByLabel("URL").fill("{{baseUrl}}/orders");
  await page.getByRole("button", { name: "Add param" }).click();
  await page.getByLabel("Param 1 key").fill("dry");
  await page.getByLabel("Param 1 value").fill("true");
  await expect(page.getByLabel("URL")).toHaveValue("{{baseUrl}}/orders?dry=true");

  await page.getByRole("tab", { name: "Headers" }).click();
  await page.getByRole("button", { name: "Add header" }).click();
  await page.getByLabel("Header 1 key").fill("Content-Type");
  await page.getByLabel("Header 1 value").fill("application/json");

  await page.getByRole("tab", { name: "Body" }).click();
  await page.getByLabel("Body type").selectOption("raw");
  await page.getByLabel("Raw body").fill('{"sku":"A1"}');

  await page.getByRole("tab", { name: "Auth" }).click();
  await page.getByLabel("Auth type").selectOption("bearer");
  await page.getByLabel("Token").fill("{{token}}");

  await page.getByRole("tab", { name: "Tests" }).click();
  await page.getByRole("button", { name: "Status code is 200" }).click();
  await expect(page.getByLabel("Test script")).toHaveValue(/pm\.response\.to\.have\.status\(200\)/);

  await page.getByRole("button", { name: "Save" }).click();
  // "Unsaved changes" contains "saved" too: match the whole word.
  await expect(page.getByRole("status").filter({ hasText: /^Saved$/ })).toBeVisible();

  const exported = await page.request.get(
    `/api/trpc/collection.export?input=${encodeURIComponent(JSON.stringify({ json: { workspaceId: platform.id, collectionId: id } }))}`,
  );
  const file = JSON.parse(((await exported.json()).result.data.json as { json: string }).json);
  expect(file.info.schema).toBe("https://schema.getpostman.com/json/collection/v2.1.0/collection.json");
  expect(file.item[0]).toMatchObject({
    name: "Create order",
    request: {
      method: "POST",
      url: "{{baseUrl}}/orders?dry=true",
      header: [{ key: "Content-Type", value: "application/json" }],
      body: { mode: "raw", raw: '{"sku":"A1"}' },
      auth: { type: "bearer", bearer: [{ key: "token", value: "{{token}}" }] },
    },
    event: [{ listen: "test", script: { exec: expect.arrayContaining(["    pm.response.to.have.status(200);"]) } }],
  });
});
