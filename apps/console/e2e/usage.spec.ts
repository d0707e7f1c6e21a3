import { expect, test } from "./fixtures";
import { ADMIN, DEVELOPER, signIn } from "./helpers";

test("an admin sees the team's usage against its quota and can turn overage off and on", async ({ page }) => {
  await signIn(page, ADMIN.email);
  await page.getByRole("link", { name: "Team Settings" }).click();
  await page.getByRole("navigation", { name: "Team Settings" }).getByRole("link", { name: "Usage" }).click();

  await expect(page.getByRole("heading", { name: "Usage", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "This period" })).toBeVisible();
  await expect(page.getByText(/of 1,000,000 requests used/)).toBeVisible();
  const meter = page.getByRole("progressbar", { name: "Requests used this period" });
  await expect(meter).toHaveAttribute("aria-valuetext", /% used · [\d,]+ requests left$/);
  await expect(page.getByText("Monthly quota", { exact: true })).toBeVisible();
  await expect(page.getByText("1,000,000 requests", { exact: true })).toBeVisible();
  await expect(page.getByText("Resets", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Requests by monitor" })).toBeVisible();

  // Overage: turned off behind a confirmation, then allowed again.
  await page.getByRole("button", { name: "Turn off overage" }).click();
  const dialog = page.getByRole("dialog", { name: "Turn off overage" });
  await expect(dialog).toContainText("all its monitors pause until");
  await dialog.getByRole("button", { name: "Turn off overage" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Overage turned off." })).toBeVisible();
  await expect(page.getByText("Monitors pause until the next period", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Allow overage" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Overage allowed." })).toBeVisible();
  await expect(page.getByText("Monitors run on as overage", { exact: true })).toBeVisible();
});

test("a developer has no Usage link, and the page and its API refuse", async ({ page }) => {
  await signIn(page, DEVELOPER.email);
  await page.getByRole("link", { name: "Team Settings" }).click();
  const nav = page.getByRole("navigation", { name: "Team Settings" });
  await expect(nav.getByRole("link", { name: "General" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Usage" })).toHaveCount(0);

  await page.goto("/team-settings/usage");
  await expect(page.getByRole("heading", { name: "Usage is for Team Admins and Billing" })).toBeVisible();
  await expect(page.getByText(/requests used/)).toHaveCount(0);

  const refused = await page.request.get("/api/trpc/usage.current");
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain("Only Team Admins, Super Admins and Billing can see the team's usage.");
});
