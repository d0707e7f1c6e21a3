import { expect, test } from "./fixtures";
import { ADMIN, signIn } from "./helpers";

// The console's pages under their Content-Security-Policy in a real browser: each page renders and
// runs its scripts (the fixture fails the test on any violation), and the session cookie is out of
// reach of scripts and of other sites' requests.

test("every kind of console page works under the Content-Security-Policy", async ({ page }) => {
  const signInPage = await page.goto("/sign-in");
  expect(signInPage?.headers()["content-security-policy"]).toContain("'strict-dynamic'");
  await signIn(page, ADMIN.email);

  const cookies = await page.context().cookies();
  const session = cookies.find((cookie) => cookie.name === "authjs.session-token");
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });
  // Scripts cannot read it.
  expect(await page.evaluate(() => document.cookie)).not.toContain("authjs.session-token");

  const workspaces = await page.request.get(`/api/trpc/workspace.list?input=${encodeURIComponent(JSON.stringify({ json: null }))}`);
  const [workspace] = (await workspaces.json()).result.data.json as Array<{ id: string }>;
  const paths = [
    "/workspaces",
    `/workspaces/${workspace!.id}`,
    `/workspaces/${workspace!.id}/monitors`,
    `/workspaces/${workspace!.id}/monitors/new`,
    `/workspaces/${workspace!.id}/collections`,
    `/workspaces/${workspace!.id}/environments`,
    `/workspaces/${workspace!.id}/settings`,
    "/team-settings",
    "/team-settings/runners",
    "/team-settings/usage",
  ];
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    expect(response?.headers()["content-security-policy"], path).toContain("frame-ancestors 'none'");
    // Hydrated: the client navigation (a script) works.
    await expect(page.getByRole("navigation", { name: "Console" })).toBeVisible();
  }
  // Client-side navigation, the way people move around, under the same policy.
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Team Settings" }).click();
  await expect(page).toHaveURL(/\/team-settings$/);

  const missing = await page.goto("/no-such-page");
  expect(missing?.status()).toBe(404);
});
