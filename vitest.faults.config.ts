import { defineConfig } from "vitest/config";

/**
 * The fault suite (`pnpm test:faults`): the built console, real runner processes and a PostgreSQL
 * cluster of its own, with processes killed and connections cut. Minutes long: the files end in
 * `.faults.ts`, not `.test.ts`, so `vitest run` (vitest.config.ts) leaves them out. One file at a
 * time: each starts a console and a database server, and the machine has few cores.
 */
export default defineConfig({
  test: {
    include: ["apps/console/src/faults/**/*.faults.ts"],
    testTimeout: 10 * 60_000,
    hookTimeout: 2 * 60_000,
    pool: "forks",
    fileParallelism: false,
  },
});
