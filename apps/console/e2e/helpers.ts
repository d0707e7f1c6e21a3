import { expect, type Page } from "@playwright/test";
import { E2E_DEMO_PASSWORD } from "./constants";

export const ADMIN = { email: "admin@acme.test", name: "Ada Admin" };
export const DEVELOPER = { email: "developer@acme.test", name: "Dev Eloper" };

export async function signIn(page: Page, email: string, password = E2E_DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Console" })).toBeVisible();
}
