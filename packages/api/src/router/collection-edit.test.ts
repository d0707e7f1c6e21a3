import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@outpost/db/testing";
import { createRunnerTeam } from "../testing/runner-fixtures";

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

describe("editing collections", () => {
  it("creates an empty collection and saves what the editor built", async () => {
    const t = await createRunnerTeam(handle);
    const dev = t.as("developer");
    const at = { workspaceId: t.w1.id };
    const { id: collectionId } = await dev.collection.create({ ...at, name: "Orders" });
    const empty = await dev.collection.get({ ...at, collectionId });
    expect(empty.definition).toMatchObject({ info: { name: "Orders" }, item: [] });

    const definition = {
      ...empty.definition,
      info: { ...(empty.definition.info as object), name: "Orders API" },
      item: [
        {
          name: "Create order",
          request: {
            method: "POST",
            url: { raw: "{{baseUrl}}/orders?dry=true", host: ["{{baseUrl}}"], path: ["orders"], query: [{ key: "dry", value: "true" }] },
            header: [{ key: "Content-Type", value: "application/json" }],
            body: { mode: "raw", raw: '{"sku":"A1"}', options: { raw: { language: "json" } } },
            auth: { type: "bearer", bearer: [{ key: "token", value: "{{token}}", type: "string" }] },
          },
          event: [{ listen: "test", script: { type: "text/javascript", exec: ['pm.test("Status code is 201", () => pm.response.to.have.status(201));'] } }],
        },
      ],
    };
    const saved = await dev.collection.save({ ...at, collectionId, text: JSON.stringify(definition) });
    expect(saved).toMatchObject({ name: "Orders API", requestCount: 1 });
    expect((await dev.collection.get({ ...at, collectionId })).definition).toEqual(definition);
  });

  it("refuses an invalid document and keeps the saved one", async () => {
    const t = await createRunnerTeam(handle);
    const at = { workspaceId: t.w1.id };
    const { id: collectionId } = await t.as("admin").collection.create({ ...at, name: "Kept" });
    const broken = { info: { name: "Broken", schema: "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" }, item: [{ name: "x", request: { method: 42, url: "http://x" } }] };
    await expect(t.as("admin").collection.save({ ...at, collectionId, text: JSON.stringify(broken) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("item[0].request.method"),
    });
    expect(await t.as("admin").collection.get({ ...at, collectionId })).toMatchObject({ name: "Kept" });
  });

  it("refuses viewers and other teams", async () => {
    const t = await createRunnerTeam(handle);
    const other = await createRunnerTeam(handle);
    const at = { workspaceId: t.w1.id };
    const { id: collectionId } = await t.as("admin").collection.create({ ...at, name: "Mine" });
    await t.as("admin").workspace.setMember({ ...at, userId: t.members.developer.id, role: "viewer" });
    const text = JSON.stringify({ info: { name: "Hijacked", schema: "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" }, item: [] });
    await expect(t.as("developer").collection.save({ ...at, collectionId, text })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(t.as("developer").collection.create({ ...at, name: "New" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(other.as("admin").collection.save({ workspaceId: other.w1.id, collectionId, text })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await t.as("admin").collection.get({ ...at, collectionId })).toMatchObject({ name: "Mine" });
  });
});
