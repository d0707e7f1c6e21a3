import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const config = path.join(root, ".dependency-cruiser.cjs");
const depcruise = path.join(root, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs");

type Violation = { from: string; to: string; rule: { name: string } };

function cruise(cwd: string): Violation[] {
  const run = spawnSync(process.execPath, [depcruise, "--config", config, "--output-type", "json", "packages", "apps"], {
    cwd,
    encoding: "utf8",
  });
  if (!run.stdout) throw new Error(`dependency-cruiser printed nothing: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

const fixtures: string[] = [];
/** A throwaway tree shaped like the repository, with the given files. */
function fixture(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "outpost-depcruise-"));
  fixtures.push(dir);
  const all = {
    "tsconfig.json": '{ "compilerOptions": { "moduleResolution": "bundler" } }',
    "apps/console/src/page.ts": "export const page = 1;\n",
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}
afterAll(() => fixtures.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const leaves = {
  "packages/contracts/src/index.ts": "export const v = 1;\n",
  "packages/db/src/index.ts": 'import { v } from "../../contracts/src/index";\nexport const db = v;\n',
  "packages/api/src/index.ts": 'import { db } from "../../db/src/index";\nexport const api = db;\n',
};

describe("the dependency-direction lint", () => {
  it("accepts imports that follow the architecture", () => {
    expect(cruise(fixture(leaves))).toEqual([]);
  });

  it("refuses the runner importing the database package", () => {
    const violations = cruise(
      fixture({ ...leaves, "packages/runner/src/index.ts": 'import { db } from "../../db/src/index";\nexport const r = db;\n' }),
    );
    expect(violations.map((v) => [v.from, v.rule.name])).toEqual([
      ["packages/runner/src/index.ts", "runner-depends-on-contracts-only"],
    ]);
  });

  it("refuses contracts importing anything of ours, and db importing api", () => {
    const violations = cruise(
      fixture({
        ...leaves,
        "packages/contracts/src/index.ts": 'import { api } from "../../api/src/index";\nexport const v = api;\n',
        "packages/db/src/extra.ts": 'import { api } from "../../api/src/index";\nexport const x = api;\n',
      }),
    );
    expect(violations.map((v) => v.rule.name).sort()).toEqual(["contracts-is-a-leaf", "db-depends-on-contracts-only"]);
  });

  it("finds no violation in this repository", () => {
    expect(cruise(root)).toEqual([]);
  });
});
