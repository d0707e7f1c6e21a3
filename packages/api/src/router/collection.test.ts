import { readFileSync } from "node:fs";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, collections, monitors } from "@outpost/db";
import {
  addTeamMember,
  addWorkspaceMember,
  createCollection,
  createTeamWithMember,
  createTestDatabase,
  createUser,
  createWorkspace,
  type TestDatabase,
} from "@outpost/db/testing";
import { POSTMAN_V21_SCHEMA_URL } from "../services/collection/schema";
import { callerFor as appCallerFor } from "../testing/caller";

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

const callerFor = (userId: string) => appCallerFor(handle.db, userId).collection;

const fixture = (name: string) =>
  readFileSync(new URL(`../services/collection/fixtures/${name}`, import.meta.url), "utf8");
const storedCollections = async () => (await handle.db.select({ n: count() }).from(collections))[0]!.n;

/** An editor and a viewer of one workspace of a fresh team. */
async function setup() {
  const { team, user, workspace } = await createTeamWithMember(handle.db, "developer");
  const viewerUser = await createUser(handle.db);
  await addTeamMember(handle.db, team.id, viewerUser.id, "developer");
  await addWorkspaceMember(handle.db, workspace.id, viewerUser.id, "viewer");
  return { team, workspace, editorId: user.id, editor: callerFor(user.id), viewer: callerFor(viewerUser.id) };
}

describe("collection import and export", () => {
  it.each([
    ["shop-api.postman_collection.json", "Shop API", 8],
    ["echo-basics.postman_collection.json", "Echo basics", 3],
  ])("round-trips %s unchanged in meaning", async (file, name, requestCount) => {
    const { workspace, editor, editorId, team } = await setup();
    const text = fixture(file);
    const imported = await editor.import({ workspaceId: workspace.id, text });
    expect(imported).toMatchObject({ name, requestCount });

    const exported = await editor.export({ workspaceId: workspace.id, collectionId: imported.id });
    expect(exported.fileName).toBe(`${name}.postman_collection.json`);
    expect(JSON.parse(exported.json)).toEqual(JSON.parse(text));

    expect(await editor.list({ workspaceId: workspace.id })).toEqual([imported]);
    const got = await editor.get({ workspaceId: workspace.id, collectionId: imported.id });
    expect(got).toMatchObject({ ...imported, definition: JSON.parse(text) });

    const audit = await handle.db.select().from(auditEvents).where(eq(auditEvents.targetId, imported.id));
    expect(audit).toMatchObject([
      { teamId: team.id, actorUserId: editorId, action: "collection.imported", details: { name, requestCount } },
    ]);
  });

  it("uses a chosen name for the row and the document alike", async () => {
    const { workspace, editor } = await setup();
    const text = fixture("echo-basics.postman_collection.json");
    const imported = await editor.import({ workspaceId: workspace.id, text, name: "  Echo / prod  " });
    expect(imported.name).toBe("Echo / prod");
    const exported = await editor.export({ workspaceId: workspace.id, collectionId: imported.id });
    expect(exported.fileName).toBe("Echo - prod.postman_collection.json");
    expect(JSON.parse(exported.json).info).toMatchObject({ name: "Echo / prod" });
  });

  it("refuses broken files with a clear message and stores nothing", async () => {
    const { workspace, editor } = await setup();
    const valid = JSON.parse(fixture("echo-basics.postman_collection.json"));
    const withItems = (item: unknown[]) => JSON.stringify({ ...valid, item });
    const withInfo = (info: unknown) => JSON.stringify({ ...valid, info });
    const request = { name: "r", request: { method: "GET", url: "https://api.example.test" } };
    const huge = { ...request, request: { ...request.request, body: { mode: "raw", raw: "x".repeat(20 * 1024 * 1024) } } };
    let deep: unknown[] = [request];
    for (let level = 0; level < 50; level++) deep = [{ name: `Level ${level}`, item: deep }];

    const v20 = POSTMAN_V21_SCHEMA_URL.replace("v2.1.0", "v2.0.0");

    const cases: [string, RegExp][] = [
      ['{"info": {"name": "x"', /^The file is not valid JSON: .*position 21 \(line 1, column 22\)\.$/],
      [withItems([request, { name: "bad", request: { method: 42, url: "u" } }]), /^item\[1\]\.request\.method: /],
      [withInfo({ schema: POSTMAN_V21_SCHEMA_URL }), /^info\.name: required$/],
      [withInfo({ ...valid.info, schema: v20 }), /^Only Postman Collection v2\.1 is supported: export it from Postman/],
      // Refused by the input schema, before the service: the message is inside tRPC's list of issues.
      [withItems([huge]), /The collection is larger than 5 MB\./],
      [withItems(deep), /^Folders are nested 50 levels deep; at most 10 levels are supported\.$/],
      [withItems(Array.from({ length: 1001 }, () => request)), /^The collection has 1001 requests and folders; at most 1000/],
    ];
    for (const [text, message] of cases) {
      const before = await storedCollections();
      await expect(editor.import({ workspaceId: workspace.id, text })).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringMatching(message),
      });
      expect(await storedCollections()).toBe(before);
    }
    expect(await editor.list({ workspaceId: workspace.id })).toEqual([]);
  });
});

describe("who may do what with collections", () => {
  it("lets a viewer read and export but not import or delete", async () => {
    const { workspace, editor, viewer } = await setup();
    const text = fixture("echo-basics.postman_collection.json");
    const imported = await editor.import({ workspaceId: workspace.id, text });
    const ids = { workspaceId: workspace.id, collectionId: imported.id };

    expect(await viewer.list({ workspaceId: workspace.id })).toEqual([imported]);
    expect((await viewer.get(ids)).name).toBe("Echo basics");
    expect(JSON.parse((await viewer.export(ids)).json).info.name).toBe("Echo basics");

    const before = await storedCollections();
    const refused = { code: "FORBIDDEN", message: expect.stringContaining("editor role") };
    await expect(viewer.import({ workspaceId: workspace.id, text })).rejects.toMatchObject(refused);
    await expect(viewer.delete(ids)).rejects.toMatchObject(refused);
    expect(await storedCollections()).toBe(before);
  });

  it("keeps other teams and other workspaces out", async () => {
    const mine = await setup();
    const theirs = await setup();
    const theirCollection = await createCollection(handle.db, theirs.team.id, theirs.workspace.id);
    const notFound = { code: "NOT_FOUND" };

    // Another team's workspace is not found, whatever the procedure.
    const inTheirs = { workspaceId: theirs.workspace.id, collectionId: theirCollection.id };
    await expect(mine.editor.list({ workspaceId: theirs.workspace.id })).rejects.toMatchObject(notFound);
    await expect(mine.editor.get(inTheirs)).rejects.toMatchObject(notFound);
    await expect(mine.editor.export(inTheirs)).rejects.toMatchObject(notFound);
    await expect(mine.editor.delete(inTheirs)).rejects.toMatchObject(notFound);
    const text = fixture("echo-basics.postman_collection.json");
    await expect(mine.editor.import({ workspaceId: theirs.workspace.id, text })).rejects.toMatchObject(notFound);

    // Nor is their collection reachable through my own workspace, or mine through my other one.
    const viaMine = { workspaceId: mine.workspace.id, collectionId: theirCollection.id };
    await expect(mine.editor.get(viaMine)).rejects.toMatchObject({ ...notFound, message: "Collection not found." });
    await expect(mine.editor.export(viaMine)).rejects.toMatchObject(notFound);
    await expect(mine.editor.delete(viaMine)).rejects.toMatchObject(notFound);
    const other = await createWorkspace(handle.db, mine.team.id);
    await addWorkspaceMember(handle.db, other.id, mine.editorId, "editor");
    const myCollection = await createCollection(handle.db, mine.team.id, mine.workspace.id);
    await expect(mine.editor.get({ workspaceId: other.id, collectionId: myCollection.id })).rejects.toMatchObject(notFound);
    expect(await mine.editor.list({ workspaceId: other.id })).toEqual([]);

    expect(await theirs.editor.get(inTheirs)).toMatchObject({ id: theirCollection.id, requestCount: 1 });
  });
});

describe("deleting a collection", () => {
  it("is refused while a monitor runs it, naming the monitor, and allowed after", async () => {
    const { team, workspace, editor } = await setup();
    const text = fixture("shop-api.postman_collection.json");
    const imported = await editor.import({ workspaceId: workspace.id, text });
    const ids = { workspaceId: workspace.id, collectionId: imported.id };
    const [monitor] = await handle.db
      .insert(monitors)
      .values({
        teamId: team.id,
        workspaceId: workspace.id,
        name: "Shop every 5 minutes",
        collectionId: imported.id,
        schedule: { kind: "interval", minutes: 5 },
        options: {
          requestTimeoutMs: null,
          delayBetweenRequestsMs: 0,
          retriesOnFailure: 0,
          followRedirects: true,
          sslValidation: true,
        },
        notifications: { recipients: [], stopAfterConsecutiveFailures: 3, webhookUrl: null },
      })
      .returning();

    await expect(editor.delete(ids)).rejects.toMatchObject({
      code: "CONFLICT",
      message: '"Shop API" is used by the monitor "Shop every 5 minutes". Delete that monitor or point it at another collection first.',
    });
    expect(await editor.list({ workspaceId: workspace.id })).toHaveLength(1);

    await handle.db.delete(monitors).where(eq(monitors.id, monitor!.id));
    await editor.delete(ids);
    expect(await editor.list({ workspaceId: workspace.id })).toEqual([]);
    await expect(editor.get(ids)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const audit = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, imported.id), eq(auditEvents.action, "collection.deleted")));
    expect(audit).toMatchObject([{ teamId: team.id, details: { name: "Shop API" } }]);
  });
});
