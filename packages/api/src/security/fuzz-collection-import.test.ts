import { eq } from "drizzle-orm";
import fc from "fast-check";
import { TRPCError } from "@trpc/server";
import { auditEvents, collections } from "@outpost/db";
import { createTestDatabase, type TestDatabase } from "@outpost/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POSTMAN_V21_SCHEMA_URL } from "../services/collection/schema";
import { createRunnerTeam } from "../testing/runner-fixtures";
import { rowCounts } from "./database-dump";
import { bodies } from "./fuzz-arbitraries";

// collection.import takes 10,000 generated files: it may store a valid one, must refuse anything
// else with a client error (never INTERNAL_SERVER_ERROR or a throw that is not a tRPC error), and a
// refused file must store nothing.

const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const WRITTEN = ["collections", "audit_events"];

let handle: TestDatabase;
let team: Awaited<ReturnType<typeof createRunnerTeam>>;
beforeAll(async () => {
  handle = await createTestDatabase();
  team = await createRunnerTeam(handle);
}, 60_000);
afterAll(async () => {
  await handle?.close();
});

const name = fc.string({ minLength: 1, maxLength: 40 });
const url = fc.oneof(fc.webUrl(), fc.record({ raw: fc.webUrl(), host: fc.array(fc.domain(), { maxLength: 2 }) }));
const request = fc.record({
  method: fc.constantFrom("GET", "POST", "PUT", "DELETE"),
  url,
  header: fc.array(fc.record({ key: name, value: fc.string() }), { maxLength: 2 }),
});
const event = fc.record({ listen: fc.constantFrom("test", "prerequest"), script: fc.record({ type: fc.constant("text/javascript"), exec: fc.array(fc.string(), { maxLength: 2 }) }) });
const { item } = fc.letrec<{ item: unknown }>((tie) => ({
  item: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record({ name, request, event: fc.array(event, { maxLength: 1 }) }),
    fc.record({ name, item: fc.array(tie("item"), { maxLength: 3 }) }),
  ),
}));
/** Postman Collection v2.1 documents as Postman writes them. */
const collection = fc.record({
  info: fc.record({ name, schema: fc.constant(POSTMAN_V21_SCHEMA_URL), _postman_id: fc.uuid() }),
  item: fc.array(item, { maxLength: 4 }),
  variable: fc.array(fc.record({ key: name, value: fc.string() }), { maxLength: 2 }),
});

describe("fuzzing collection import", () => {
  it(`answers ${NUM_RUNS} generated files with a collection or a client error, storing nothing from refused ones`, async () => {
    const editor = team.as("developer").collection;
    const started = Date.now();
    let stored = await rowCounts(handle.db, WRITTEN);
    await fc.assert(
      fc.asyncProperty(bodies(collection), fc.option(name), async (file, chosenName) => {
        const text = typeof file === "string" ? file : Buffer.from(file).toString("utf8");
        let refused = false;
        try {
          await editor.import({ workspaceId: team.w1.id, text, ...(chosenName === null ? {} : { name: chosenName }) });
        } catch (error) {
          expect(error).toBeInstanceOf(TRPCError);
          expect((error as TRPCError).code).toBe("BAD_REQUEST");
          refused = true;
        }
        const after = await rowCounts(handle.db, WRITTEN);
        if (refused) return void expect(after).toEqual(stored);
        expect(after.collections).toBe(stored.collections! + 1);
        // Cleared after each stored file: counting a table that keeps growing made every case slower than the last.
        await handle.db.delete(collections).where(eq(collections.teamId, team.team.id));
        await handle.db.delete(auditEvents).where(eq(auditEvents.teamId, team.team.id));
        stored = await rowCounts(handle.db, WRITTEN);
      }),
      { numRuns: NUM_RUNS },
    );
    console.info(`fuzzing collection.import: ${NUM_RUNS} cases in ${Date.now() - started} ms`);
  }, 600_000);
});
