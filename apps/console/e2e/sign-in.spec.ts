import { expect, test } from "./fixtures";
import { E2E_DEMO_PASSWORD } from "./constants";
import { ADMIN, DEVELOPER, signIn } from "./helpers";

test("a signed-out visitor of a console page is sent to sign-in and brought back after", async ({ page }) => {
  await page.goto("/team-settings");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await expect(page.getByRole("heading", { name: "Sign in to Outpost" })).toBeVisible();

  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(E2E_DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/team-settings$/);
  await expect(page.getByRole("heading", { name: "Team Settings" })).toBeVisible();
});

test("a wrong password is refused with a clear message and the email kept", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("Incorrect email or password.");
  await expect(page.getByLabel("Email")).toHaveValue(ADMIN.email);
  await expect(page).toHaveURL(/\/sign-in/);

  // Still signed out: the console stays closed.
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("an unknown email gets the same answer as a wrong password", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("nobody@acme.test");
  await page.getByLabel("Password").fill("whatever-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("Incorrect email or password.");
});

test("the demo admin signs in, sees the shell, and signs out", async ({ page }) => {
  await signIn(page, ADMIN.email);
  await expect(page.getByLabel("Team")).toHaveText("Acme");
  const nav = page.getByRole("navigation", { name: "Console" });
  await expect(nav.getByText("Payments")).toBeVisible();
  await expect(nav.getByText("Platform")).toBeVisible();
  await expect(nav.getByRole("link", { name: "Team Settings" })).toBeVisible();

  await nav.getByRole("link", { name: "Monitors" }).first().click();
  await expect(page.getByRole("heading", { name: "Monitors", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Create Monitor" }).first()).toBeVisible();

  await page.getByLabel("User menu").click();
  await expect(page.getByText("Team Admin")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("the developer sees the shared workspaces and only their own personal one", async ({ page }) => {
  await signIn(page, DEVELOPER.email);
  const nav = page.getByRole("navigation", { name: "Console" });
  await expect(nav.getByText("Dev Eloper's Workspace")).toBeVisible();
  for (const name of ["Payments", "Platform"]) await expect(nav.getByText(name, { exact: true })).toBeVisible();
  await page.getByLabel("User menu").click();
  await expect(page.getByText("Developer", { exact: true })).toBeVisible();
});

test("a workspace id that is not the user's shows not found", async ({ page }) => {
  await signIn(page, ADMIN.email);
  const response = await page.goto("/workspaces/00000000-0000-4000-8000-000000000000/monitors");
  expect(response?.status()).toBe(404);
});

// A page answered after a sign-out (a prefetch that was already on its way) must not bring the
// session back: pages read the session cookie and never write it.
test("console pages never re-issue the session cookie", async ({ page }) => {
  await signIn(page, ADMIN.email);
  const response = await page.request.get("/workspaces");
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain("Payments");
  const sessionCookies = response.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie" && /authjs\.session-token/.test(h.value));
  expect(sessionCookies).toEqual([]);
});
