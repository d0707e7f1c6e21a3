import { expect, test } from "./fixtures";
import { ADMIN, DEVELOPER, signIn } from "./helpers";

test("an admin creates a workspace and gives a developer the viewer role there", async ({ browser }) => {
  const name = `Ops ${Date.now()}`;
  const adminPage = await (await browser.newContext()).newPage();
  await signIn(adminPage, ADMIN.email);
  await adminPage.getByRole("link", { name: "All" }).click();
  await adminPage.getByRole("button", { name: "Create Workspace" }).click();
  const dialog = adminPage.getByRole("dialog", { name: "Create Workspace" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Internal").check();
  await dialog.getByRole("button", { name: "Create Workspace" }).click();
  await expect(adminPage.getByRole("heading", { name: "Monitors", exact: true })).toBeVisible();
  await expect(adminPage.getByRole("navigation", { name: "Console" }).getByText(name)).toBeVisible();

  // A duplicate name is refused with the reason.
  await adminPage.goto("/workspaces");
  await adminPage.getByRole("button", { name: "Create Workspace" }).click();
  await adminPage.getByRole("dialog", { name: "Create Workspace" }).getByLabel("Name").fill(name);
  await adminPage.getByRole("dialog", { name: "Create Workspace" }).getByRole("button", { name: "Create Workspace" }).click();
  await expect(adminPage.getByText(`A workspace named "${name}" already exists in your team.`)).toBeVisible();
  await adminPage.keyboard.press("Escape");

  await adminPage.getByRole("row").filter({ hasText: name }).getByRole("link").click();
  await expect(adminPage).toHaveURL(/\/monitors$/);
  await adminPage.goto(adminPage.url().replace(/monitors$/, "settings"));
  await adminPage.getByLabel("Team member").selectOption({ label: `${DEVELOPER.name} (${DEVELOPER.email})` });
  await adminPage.getByLabel("Role", { exact: true }).selectOption("viewer");
  await adminPage.getByRole("button", { name: "Add member" }).click();
  await expect(adminPage.getByRole("row").filter({ hasText: DEVELOPER.email })).toBeVisible();

  const developerPage = await (await browser.newContext()).newPage();
  await signIn(developerPage, DEVELOPER.email);
  await developerPage.goto("/workspaces");
  const row = developerPage.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("viewer");
  await row.getByRole("link").click();
  await expect(developerPage.getByRole("heading", { name: "Monitors", exact: true })).toBeVisible();
  await expect(developerPage.getByRole("link", { name: "Create Monitor" })).toHaveCount(0);
});
