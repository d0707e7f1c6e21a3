// The architecture's dependency direction, enforced: contracts → db → auth → api → console, and
// runner → contracts only (the runner is deployed alone, inside someone else's network).
const internal = (names) => `^(packages/(${names.join("|")})|apps/[^/]+)/`;
const outside = (allowed) => ({ path: "^(packages|apps)/", pathNot: `^packages/(${allowed.join("|")})/` });

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "contracts-is-a-leaf",
      comment: "packages/contracts depends on zod only: no other package of ours, no other npm package.",
      severity: "error",
      from: { path: "^packages/contracts/" },
      to: { pathNot: ["^packages/contracts/", "node_modules/zod/"], dependencyTypesNot: ["core"] },
    },
    {
      name: "runner-depends-on-contracts-only",
      comment: "The runner never imports db, auth, api, ui or the console.",
      severity: "error",
      from: { path: "^packages/runner/" },
      to: outside(["runner", "contracts"]),
    },
    {
      name: "db-depends-on-contracts-only",
      severity: "error",
      from: { path: "^packages/db/" },
      to: outside(["db", "contracts"]),
    },
    {
      name: "auth-depends-on-db-and-contracts",
      severity: "error",
      from: { path: "^packages/auth/" },
      to: outside(["auth", "db", "contracts"]),
    },
    {
      name: "api-depends-on-auth-db-contracts",
      severity: "error",
      from: { path: "^packages/api/" },
      to: outside(["api", "auth", "db", "contracts"]),
    },
    {
      name: "ui-has-no-data-access",
      comment: "Shared components take props; they never reach for data packages.",
      severity: "error",
      from: { path: "^packages/ui/" },
      to: outside(["ui"]),
    },
    {
      name: "console-does-not-import-the-runner",
      severity: "error",
      from: { path: "^apps/" },
      to: { path: "^packages/runner/" },
    },
    {
      name: "not-to-unresolvable",
      comment: "An import that does not resolve is a bug (or a dependency missing from package.json).",
      severity: "error",
      from: { path: internal(["[^/]+"]) },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["(^|/)(node_modules|\\.next|dist|test-results)/", "next-env\\.d\\.ts$"] },
    tsPreCompilationDeps: true,
    // The root tsconfig maps the console's "~/" alias, so its imports resolve too.
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
      mainFields: ["module", "main", "types"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
