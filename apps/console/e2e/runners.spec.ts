import { expect, test } from "./fixtures";
import { ADMIN, DEVELOPER, signIn } from "./helpers";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test("an admin adds a runner from Runner settings and copies its command once", async ({ page }) => {
  const name = `Build farm ${Date.now()}`;
  await signIn(page, ADMIN.email);
  await page.getByRole("link", { name: "Team Settings" }).click();
  await page.getByRole("navigation", { name: "Team Settings" }).getByRole("link", { name: "Runners" }).click();
  await page.getByRole("button", { name: "Add Runner" }).click();

  const dialog = page.getByRole("dialog", { name: "Add Runner" });
  // Step 1: a name is required, with a clear message.
  await dialog.getByRole("button", { name: "Next" }).click();
  await expect(dialog.getByText("Give your runner a name.")).toBeVisible();
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Description").fill("Runs in the Frankfurt data centre");
  await dialog.getByRole("button", { name: "Next" }).click();

  // Step 2: visibility.
  await dialog.getByLabel("Selected workspace").check();
  await dialog.getByRole("button", { name: "Next: Install Runner" }).click();
  await expect(dialog.getByText("Select a workspace.")).toBeVisible();
  await dialog.getByLabel("Select workspace").selectOption({ label: "Payments" });
  await dialog.getByRole("button", { name: "Next: Install Runner" }).click();

  // Step 3: the command, with the key, copy-once.
  const install = page.getByRole("dialog", { name: "Install Runner" });
  const command = install.getByLabel("Runner command");
  await expect(command).toContainText("outpost runner start --url http://127.0.0.1:");
  const shown = (await command.textContent()) ?? "";
  expect(shown).toMatch(/ --id [0-9a-f-]{36} --key opk_[0-9A-Za-z]{49}$/);
  await expect(install.getByText("You can't access the runner key again later. You can reset the runner key later, if needed.")).toBeVisible();
  await install.getByRole("button", { name: "Copy to clipboard" }).click();
  await expect(install.getByRole("status").filter({ hasText: "Copied to clipboard" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);

  await install.getByRole("tab", { name: "Docker" }).click();
  await expect(command).toContainText("docker run");
  await expect(command).toContainText(shown.split("--key ")[1]!);
  await install.getByRole("button", { name: "Done" }).click();
  await expect(install).toBeHidden();

  // The runner is in the table, Unknown until it connects, scoped to Payments.
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Unknown");
  await expect(row).toContainText("Never");
  await expect(row).toContainText("Payments");
  await expect(row).toContainText(ADMIN.name);

  // Install again: the command comes back without a key.
  await row.getByRole("button", { name: "Actions" }).click();
  await row.getByRole("button", { name: "Install" }).click();
  const again = page.getByRole("dialog", { name: "Install Runner" });
  await expect(again.getByLabel("Runner command")).toContainText("--key <runner key>");
  await expect(page.getByText(/opk_/)).toHaveCount(0);
  await again.getByRole("button", { name: "Done" }).click();
});

test("an admin edits, resets the key of, and deletes a runner", async ({ page }) => {
  const name = `Edge ${Date.now()}`;
  await signIn(page, ADMIN.email);
  await page.goto("/team-settings/runners");
  await page.getByRole("button", { name: "Add Runner" }).click();
  const wizard = page.getByRole("dialog", { name: "Add Runner" });
  await wizard.getByLabel("Name").fill(name);
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByRole("button", { name: "Next: Install Runner" }).click();
  const firstKey = ((await page.getByLabel("Runner command").textContent()) ?? "").split("--key ")[1];
  // Closing with Escape forgets the key as surely as Done.
  await page.keyboard.press("Escape");
  await expect(page.getByText(/opk_/)).toHaveCount(0);

  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("All internal workspaces");

  await row.getByRole("button", { name: "Actions" }).click();
  await row.getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("dialog", { name: "Edit runner" });
  await edit.getByLabel("Name").fill(`${name} renamed`);
  await edit.getByRole("button", { name: "Save" }).click();
  const renamed = page.getByRole("row").filter({ hasText: `${name} renamed` });
  await expect(renamed).toBeVisible();

  await renamed.getByRole("button", { name: "Actions" }).click();
  await renamed.getByRole("button", { name: "Reset key" }).click();
  await page.getByRole("dialog", { name: "Reset runner key" }).getByRole("button", { name: "Reset key" }).click();
  const newCommand = page.getByRole("dialog", { name: "Install Runner" }).getByLabel("Runner command");
  await expect(newCommand).toContainText("--key opk_");
  expect((await newCommand.textContent())?.split("--key ")[1]).not.toBe(firstKey);
  await page.getByRole("button", { name: "Done" }).click();

  await renamed.getByRole("button", { name: "Actions" }).click();
  await renamed.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog", { name: "Delete runner" }).getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("row").filter({ hasText: name })).toHaveCount(0);
});

test("a developer sees no Add Runner, and the API refuses them", async ({ page }) => {
  await signIn(page, DEVELOPER.email);
  await page.goto("/team-settings/runners");
  await expect(page.getByText("Only Team Admins manage runners")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add Runner" })).toHaveCount(0);

  const response = await page.request.post("/api/trpc/runner.create", {
    data: { json: { name: "Sneaky", description: "", source: "runner_settings" } },
  });
  expect(response.status()).toBe(403);
  expect(JSON.stringify(await response.json())).toContain("Only a Team Admin or Super Admin can do this.");
});
