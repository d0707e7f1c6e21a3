import { expect, test as base } from "@playwright/test";

export { expect };
export type { Page } from "@playwright/test";

/**
 * Every spec runs with the page's Content-Security-Policy watched: a script, style or connection the
 * policy blocks fails the test, so a page that only works without the policy cannot slip through.
 */
export const test = base.extend<{ cspGuard: void }>({
  cspGuard: [
    async ({ page }, use) => {
      const violations: string[] = [];
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (event) => {
          console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"} on ${location.pathname}`);
        });
      });
      page.on("console", (message) => {
        if (/CSP violation|Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      await use();
      expect(violations, "the pages broke their Content-Security-Policy").toEqual([]);
    },
    { auto: true },
  ],
});
