// What the built console promises a browser, checked over HTTP against the real server: security
// headers on pages and API answers, session cookie attributes, and cross-site state changes refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callTrpc, cookieHeader, missingBuild, signInOverHttp, startBuiltConsole, type BuiltConsole } from "./test-support/built-console";

const skipReason = missingBuild();
if (skipReason) console.warn(`console-security.e2e.test.ts skipped: ${skipReason}`);

const NEW_RUNNER = { name: "Edge", description: "", source: "runner_settings" };
const runnerCount = async (url: string, cookie: string) => {
  const listed = await fetch(`${url}/api/trpc/runner.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, { headers: { cookie } });
  const body = (await listed.json()) as { result: { data: { json: unknown } } };
  return JSON.stringify(body.result.data.json).split('"name":"Edge"').length - 1;
};

describe.skipIf(Boolean(skipReason))("the console over plain HTTP", () => {
  let outpost: BuiltConsole;
  beforeAll(async () => {
    outpost = await startBuiltConsole({ OUTPOST_HOSTED_RUNNER: "off" });
  });
  afterAll(async () => {
    await outpost?.stop();
  });

  it("gives every page a CSP with a fresh nonce that its own scripts carry", async () => {
    const [first, second] = [await fetch(`${outpost.url}/sign-in`), await fetch(`${outpost.url}/sign-in`)];
    const policy = first.headers.get("content-security-policy") ?? "";
    for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'"]) {
      expect(policy).toContain(directive);
    }
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).not.toContain("upgrade-insecure-requests");
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    expect(second.headers.get("content-security-policy")).not.toContain(nonce);
    const html = await first.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
    expect(first.headers.get("x-frame-options")).toBe("DENY");
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });

  it("gives API answers a policy that allows nothing to run, and keeps them out of caches", async () => {
    for (const path of ["/api/health", "/api/health/live", "/api/auth/csrf"]) {
      const response = await fetch(`${outpost.url}${path}`);
      expect(response.headers.get("content-security-policy"), path).toContain("default-src 'none'");
      expect(response.headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
      expect(response.headers.get("cache-control"), path).toContain("no-store");
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
    }
  });

  it("sets the session cookie HttpOnly and SameSite=Lax, not Secure, over HTTP", async () => {
    const { response } = await signInOverHttp(outpost.url);
    const session = response.headers.getSetCookie().find((line) => line.startsWith("authjs.session-token="));
    expect(session).toBeDefined();
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Lax/i);
    expect(session).not.toMatch(/;\s*Secure/i);
  });

  it("refuses tRPC mutations from another site, and never mutates on GET", async () => {
    const { cookie } = await signInOverHttp(outpost.url);
    const before = await runnerCount(outpost.url, cookie);
    const crossSite = await callTrpc(outpost.url, "runner.create", NEW_RUNNER, { cookie, headers: { "sec-fetch-site": "cross-site" } });
    expect(crossSite.status).toBe(403);
    const sameSite = await callTrpc(outpost.url, "runner.create", NEW_RUNNER, { cookie, headers: { "sec-fetch-site": "same-site" } });
    expect(sameSite.status).toBe(403);
    const foreign = await callTrpc(outpost.url, "runner.create", NEW_RUNNER, { cookie, headers: { origin: "https://evil.example" } });
    expect(foreign.status).toBe(403);
    const asGet = await fetch(`${outpost.url}/api/trpc/runner.create?input=${encodeURIComponent(JSON.stringify({ json: NEW_RUNNER }))}`, {
      headers: { cookie },
    });
    expect(asGet.status).toBe(405);
    expect(await runnerCount(outpost.url, cookie)).toBe(before);

    // The same request from the console's own page goes through: the refusals above were not an accident of the set-up.
    const own = await callTrpc(outpost.url, "runner.create", NEW_RUNNER, {
      cookie,
      headers: { origin: outpost.url, "sec-fetch-site": "same-origin" },
    });
    expect(own.status).toBe(200);
    expect(await runnerCount(outpost.url, cookie)).toBe(before + 1);
  });

  it("refuses cross-site sign-in, sign-out and server actions", async () => {
    const { cookie } = await signInOverHttp(outpost.url);
    const csrf = await fetch(`${outpost.url}/api/auth/csrf`, { headers: { cookie } });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const form = { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(csrf, cookie) };

    const signOut = await fetch(`${outpost.url}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { ...form, origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      body: new URLSearchParams({ csrfToken, callbackUrl: "/" }),
    });
    expect(signOut.status).toBe(403);
    expect(signOut.headers.getSetCookie().join("\n")).not.toContain("authjs.session-token=;");

    const signIn = await signInOverHttp(outpost.url, { origin: "https://evil.example" });
    expect(signIn.response.status).toBe(403);
    expect(signIn.response.headers.getSetCookie().join("\n")).not.toContain("authjs.session-token=");

    // A server action (the sign-in and sign-out forms) is a POST to the page with a Next-Action header.
    const action = await fetch(`${outpost.url}/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, "next-action": "0".repeat(42), "content-type": "text/plain", "sec-fetch-site": "cross-site" },
      body: "[]",
    });
    expect(action.status).toBe(403);

    // Still signed in: nothing above reached Auth.js.
    const session = (await (await fetch(`${outpost.url}/api/auth/session`, { headers: { cookie } })).json()) as { user?: { email?: string } };
    expect(session.user?.email).toBe("admin@acme.test");
  });
});

describe.skipIf(Boolean(skipReason))("the console behind a TLS-terminating proxy", () => {
  let outpost: BuiltConsole;
  beforeAll(async () => {
    outpost = await startBuiltConsole({ OUTPOST_HOSTED_RUNNER: "off", OUTPOST_URL: "https://console.example.test" });
  });
  afterAll(async () => {
    await outpost?.stop();
  });

  const proxied = { "x-forwarded-proto": "https", "x-forwarded-host": "console.example.test" };

  it("sets a __Secure- session cookie marked Secure, HttpOnly and SameSite=Lax", async () => {
    const { response } = await signInOverHttp(outpost.url, proxied);
    const session = response.headers.getSetCookie().find((line) => line.startsWith("__Secure-authjs.session-token="));
    expect(session, response.headers.getSetCookie().join("\n")).toBeDefined();
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Lax/i);
  });

  it("accepts the public URL as a same-site Origin and asks browsers to upgrade insecure sub-resources", async () => {
    const { cookie } = await signInOverHttp(outpost.url, proxied);
    const own = await callTrpc(outpost.url, "runner.create", NEW_RUNNER, {
      cookie,
      headers: { ...proxied, origin: "https://console.example.test", "sec-fetch-site": "same-origin" },
    });
    expect(own.status).toBe(200);
    const page = await fetch(`${outpost.url}/sign-in`, { headers: proxied });
    expect(page.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });
});
