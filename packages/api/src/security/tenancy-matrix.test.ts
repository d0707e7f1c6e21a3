import { TRPCError } from "@trpc/server";
import { createTestDatabase, type TestDatabase } from "@outpost/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "../root";
import { createTRPCRouter, publicProcedure } from "../trpc";
import { dumpTables, rowsMentioning } from "./database-dump";
import { callByPath, coverageGaps, procedurePaths } from "./procedure-paths";
import { PUBLIC_PROCEDURES, TENANCY_CASES } from "./tenancy-cases";
import { createTenancyWorld, type TenancyWorld } from "./tenancy-world";

// Generated from the router itself: every procedure is called, as every role of one team, with the
// ids of another team's rows, and must refuse (or answer with the caller's own data only) while the
// other team's rows stay exactly as they were.

let handle: TestDatabase;
let world: TenancyWorld;
let theirRows: () => Promise<Record<string, string[]>>;
let before: Record<string, string[]>;
beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createTenancyWorld(handle);
  theirRows = async () => rowsMentioning(await dumpTables(handle.db), world.theirs.markers);
  before = await theirRows();
}, 60_000);
afterAll(async () => {
  await handle?.close();
});

const paths = procedurePaths(appRouter);
const REFUSALS = ["NOT_FOUND", "FORBIDDEN"];

/** What went wrong with one call, or null when it behaved. */
async function judge(call: () => Promise<unknown>, expectation: "refused" | "own-data", allowed: string[], markers: string[]) {
  try {
    const answer = JSON.stringify(await call()) ?? "";
    if (expectation === "refused") return `answered instead of refusing: ${answer.slice(0, 200)}`;
    const leaked = markers.filter((marker) => answer.includes(marker));
    return leaked.length > 0 ? `answered with the other team's ${leaked.join(", ")}` : null;
  } catch (error) {
    if (!(error instanceof TRPCError)) return `threw ${String(error)}`;
    return allowed.includes(error.code) ? null : `refused with ${error.code} (${error.message}), expected ${allowed.join(" or ")}`;
  }
}

describe("the tenancy matrix", () => {
  it("has a case for every procedure of the router, and none for procedures it no longer has", () => {
    const { uncovered, stale } = coverageGaps(appRouter, Object.keys(TENANCY_CASES));
    expect(uncovered, `Procedures without a tenancy case (add them to tenancy-cases.ts): ${uncovered.join(", ")}`).toEqual([]);
    expect(stale, `Tenancy cases for procedures the router does not have: ${stale.join(", ")}`).toEqual([]);
  });

  it("notices a procedure added to the router without a case", () => {
    const grown = createTRPCRouter({ ...appRouter._def.record, audit: { dump: publicProcedure.query(() => "everything") } });
    expect(coverageGaps(grown, Object.keys(TENANCY_CASES)).uncovered).toEqual(["audit.dump"]);
  });

  it.each(paths)("%s refuses every role of another team", async (path) => {
    const tenancyCase = TENANCY_CASES[path];
    expect(tenancyCase, `No tenancy case for the procedure "${path}": add one to tenancy-cases.ts`).toBeDefined();
    const failures: string[] = [];
    for (const actor of world.actors) {
      const caller = world.callAs(actor.userId);
      for (const [index, variant] of tenancyCase!.variants(world.mine, world.theirs).entries()) {
        const allowed = [...REFUSALS, ...(variant.alsoRefusedWith ?? [])];
        const problem = await judge(() => callByPath(caller, path, variant.input), tenancyCase!.expect, allowed, world.theirs.markers);
        if (problem) failures.push(`${actor.label}, variant ${index + 1}: ${problem}`);
      }
    }
    expect(failures).toEqual([]);
    // Checked after each procedure, so a change names the procedure that made it.
    expect(await theirRows()).toEqual(before);
  });

  it.each(paths)("%s refuses a signed-out caller unless it is public on purpose", async (path) => {
    const anonymous = world.callAs(null);
    const variants = TENANCY_CASES[path]?.variants(world.mine, world.theirs) ?? [{ input: undefined }];
    for (const { input } of variants) {
      const call = () => callByPath(anonymous, path, input);
      if (PUBLIC_PROCEDURES.includes(path)) {
        expect(await judge(call, "own-data", REFUSALS, world.theirs.markers)).toBeNull();
      } else {
        await expect(call()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
      }
    }
  });

  it("names only procedures the router has as public", () => {
    expect(PUBLIC_PROCEDURES.filter((path) => !paths.includes(path))).toEqual([]);
  });

  it("left the other team's rows exactly as they were", async () => {
    expect(Object.values(before).flat().length).toBeGreaterThan(20);
    expect(await theirRows()).toEqual(before);
  });
});
