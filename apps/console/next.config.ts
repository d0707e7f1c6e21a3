import type { NextConfig } from "next";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

// Pages get their Content-Security-Policy, with a per-request nonce, from the proxy (src/proxy.ts).
// API answers are JSON, or the few plain pages Auth.js renders itself (its error and sign-out
// pages, styled inline): nothing there needs scripts, frames or plugins.
const apiContentSecurityPolicy = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

const config: NextConfig = {
  // Internal packages are consumed as TypeScript source.
  transpilePackages: ["@outpost/api", "@outpost/auth", "@outpost/contracts", "@outpost/db", "@outpost/ui"],
  // Native or WASM packages that must be loaded by Node, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "@node-rs/argon2"],
  poweredByHeader: false,
  typedRoutes: false,
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      {
        source: "/api/:path*",
        headers: [
          { key: "Content-Security-Policy", value: apiContentSecurityPolicy },
          // Nothing an API answers (sessions, run results, runner jobs) belongs in a shared cache.
          { key: "Cache-Control", value: "no-store" },
        ],
      },
    ];
  },
};

export default config;
