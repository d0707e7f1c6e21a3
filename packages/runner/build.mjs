#!/usr/bin/env node
// Compiles the runner into one JavaScript file, dist/outpost.mjs, so `outpost` starts without a
// TypeScript loader: tsx costs about 30 MB of resident memory and a compile step at every start.
// The runner's own code and @outpost/contracts are bundled; npm packages stay ordinary imports
// (the Postman engine loads its sandbox from files beside it and cannot be bundled).
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ["src/cli/main.ts"],
  outfile: "dist/outpost.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Every import that is not this workspace's own TypeScript stays external.
  plugins: [
    {
      name: "external-npm-packages",
      setup(builder) {
        builder.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith("@outpost/") ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
  logLevel: "warning",
});
