import { expect, test, type Page } from "./fixtures";
import { DEVELOPER, signIn } from "./helpers";

// Other specs work in Payments; this one keeps to Platform and never assumes an empty table.
const stamp = Date.now();

type VariableView = { key: string; secret: boolean; value: string | null; hasValue: boolean };

async function api<T>(page: Page, procedure: string, input: unknown): Promise<T> {
  const response = await page.request.get(`/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()).result.data.json as T;
}

test("a secret variable is never shown again and survives a rename without retyping it", async ({ page }) => {
  const name = `Staging ${stamp}`;
  const renamed = `Staging EU ${stamp}`;
  const baseUrl = `https://staging-${stamp}.internal.test`;
  const secret = `sk_live_${stamp}_do-not-show`;

  await signIn(page, DEVELOPER.email);
  const workspaces = await api<Array<{ id: string; name: string }>>(page, "workspace.list", undefined);
  const platform = workspaces.find((w) => w.name === "Platform")!;
  await page.goto(`/workspaces/${platform.id}/environments`);
  await expect(page.getByRole("heading", { name: "Environments", level: 1 })).toBeVisible();

  await page.getByRole("button", { name: "Add environment" }).click();
  const editor = page.getByRole("dialog", { name: "Add environment" });
  await editor.getByLabel("Name", { exact: true }).fill(name);
  await editor.getByLabel("Key 1").fill("baseUrl");
  await editor.getByLabel("Value 1").fill(baseUrl);
  await editor.getByRole("button", { name: "Add variable" }).click();
  await editor.getByLabel("Key 2").fill("apiKey");
  await editor.getByLabel("Secret 2").check();
  await editor.getByLabel("Value 2").fill(secret);
  await expect(editor.getByLabel("Value 2")).toHaveAttribute("type", "password");
  await editor.getByRole("button", { name: "Add environment" }).click();
  await expect(editor).toBeHidden();

  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
  await expect(row).toContainText("2 variables · 1 secret");

  await row.getByRole("button", { name: "Actions" }).click();
  await row.getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("dialog", { name: "Edit environment" });
  await expect(edit.getByLabel("Value 1")).toHaveValue(baseUrl);
  await expect(edit.getByLabel("Key 2")).toHaveValue("apiKey");
  await expect(edit.getByLabel("Secret 2")).toBeChecked();
  await expect(edit.getByLabel("Value 2")).toHaveValue("");
  await expect(edit.getByLabel("Value 2")).toHaveAttribute("placeholder", "•••••• (unchanged)");
  await expect(page.getByText(secret)).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);

  await edit.getByLabel("Name", { exact: true }).fill(renamed);
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole("rowheader", { name: renamed, exact: true })).toBeVisible();
  await expect(page.getByRole("rowheader", { name, exact: true })).toHaveCount(0);

  const environments = await api<Array<{ id: string; name: string }>>(page, "environment.list", { workspaceId: platform.id });
  const environmentId = environments.find((e) => e.name === renamed)!.id;
  const saved = await api<{ name: string; variables: VariableView[] }>(page, "environment.get", {
    workspaceId: platform.id,
    environmentId,
  });
  expect(saved.variables).toEqual([
    { key: "baseUrl", secret: false, value: baseUrl, hasValue: true },
    { key: "apiKey", secret: true, value: null, hasValue: true },
  ]);
});

test("the server's field errors are shown in the environment editor", async ({ page }) => {
  await signIn(page, DEVELOPER.email);
  const workspaces = await api<Array<{ id: string; name: string }>>(page, "workspace.list", undefined);
  const platform = workspaces.find((w) => w.name === "Platform")!;
  await page.goto(`/workspaces/${platform.id}/environments`);

  await page.getByRole("button", { name: "Add environment" }).click();
  const editor = page.getByRole("dialog", { name: "Add environment" });
  await editor.getByLabel("Name", { exact: true }).fill(`Duplicates ${stamp}`);
  await editor.getByLabel("Key 1").fill("token");
  await editor.getByLabel("Value 1").fill("a");
  await editor.getByRole("button", { name: "Add variable" }).click();
  await editor.getByLabel("Key 2").fill("token");
  await editor.getByLabel("Value 2").fill("b");
  await editor.getByRole("button", { name: "Add environment" }).click();
  await expect(editor.getByText('The variable "token" appears more than once.', { exact: false })).toBeVisible();
  await expect(editor.getByLabel("Key 2")).toHaveAttribute("aria-invalid", "true");

  await editor.getByLabel("Name", { exact: true }).fill("");
  await editor.getByRole("button", { name: "Remove variable 2" }).click();
  await editor.getByRole("button", { name: "Add environment" }).click();
  await expect(editor.getByText("Give your environment a name.")).toBeVisible();
});
