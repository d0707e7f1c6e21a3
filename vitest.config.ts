import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts", "apps/*/src/**/*.test.ts", "scripts/**/*.test.ts"],
    // Each test file opens its own database; PGlite's first open takes a few seconds.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
