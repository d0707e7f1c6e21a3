// The Content-Security-Policy of console pages. Scripts run only with this response's nonce (Next
// puts it on its own scripts, read from the request's CSP header) or when loaded by such a script
// ('strict-dynamic'), so injected markup cannot run code.

export type PagePolicyOptions = {
  nonce: string;
  /** `next dev`: React rebuilds server error stacks with eval, and dev styles are injected without a nonce. */
  development: boolean;
  /** Upgrade http: sub-resources; only when the console is served over https (it would break plain-HTTP installs). */
  https: boolean;
  /** Origins a sign-in form may be redirected to (the configured OAuth/OIDC providers). */
  formTargets: string[];
};

export function pagePolicy({ nonce, development, https, formTargets }: PagePolicyOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // <style> elements need the nonce. Style *attributes* cannot carry one, and React renders the
    // style props of recharts and of our own components as attributes: those are allowed. A style
    // attribute cannot run script; the worst it does is restyle the page.
    development ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${formTargets.map((origin) => ` ${origin}`).join("")}`,
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** A fresh, unguessable nonce for one response. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}
