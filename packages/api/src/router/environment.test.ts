import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { auditEvents, environmentVariables, monitors } from "@outpost/db";
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
import { unsafeResolveEnvironmentForRun } from "../services/environment/resolve-for-run";
import { callerFor as appCallerFor, testSecrets } from "../testing/caller";

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

const callerFor = (userId: string) => appCallerFor(handle.db, userId).environment;

const TOKEN = "s3cr3t-token-do-not-leak";
const variables = [
  { key: "baseUrl", value: "https://api.example.test", secret: false },
  { key: "token", value: TOKEN, secret: true },
];

/** An editor's caller and a fresh workspace with one environment holding a secret. */
async function setup() {
  const { team, user, workspace } = await createTeamWithMember(handle.db, "developer");
  const editor = callerFor(user.id);
  const environment = await editor.create({ workspaceId: workspace.id, name: "Staging", variables });
  return { team, user, workspace, editor, environment, ids: { workspaceId: workspace.id, environmentId: environment.id } };
}

const storedVariables = (environmentId: string) =>
  handle.db
    .select()
    .from(environmentVariables)
    .where(eq(environmentVariables.environmentId, environmentId))
    .orderBy(asc(environmentVariables.position));

async function insertMonitor(teamId: string, workspaceId: string, environmentId: string, name: string) {
  const collection = await createCollection(handle.db, teamId, workspaceId);
  await handle.db.insert(monitors).values({
    teamId,
    workspaceId,
    name,
    collectionId: collection.id,
    environmentId,
    schedule: { kind: "interval", minutes: 5 },
    options: { requestTimeoutMs: null, delayBetweenRequestsMs: 0, retriesOnFailure: 0, followRedirects: true, sslValidation: true },
    notifications: { recipients: [], stopAfterConsecutiveFailures: 3, webhookUrl: null },
  });
}

describe("environments", () => {
  it("stores a secret as ciphertext that decrypts back, and a plain value as is", async () => {
    const { environment } = await setup();
    const [baseUrl, token] = await storedVariables(environment.id);
    expect(baseUrl).toMatchObject({ key: "baseUrl", position: 0, value: "https://api.example.test", encryptedValue: null });
    expect(token).toMatchObject({ key: "token", position: 1, secret: true, value: null });
    expect(token!.encryptedValue).not.toContain(TOKEN);
    expect(testSecrets.decrypt(token!.encryptedValue!)).toBe(TOKEN);
  });

  it("never returns a secret's value from create, get or list, nor records it in the audit log", async () => {
    const { team, editor, environment, ids } = await setup();
    const got = await editor.get(ids);
    const listed = await editor.list({ workspaceId: ids.workspaceId });
    for (const response of [environment, got, listed]) expect(JSON.stringify(response)).not.toContain(TOKEN);
    expect(got.variables).toEqual([
      { key: "baseUrl", secret: false, value: "https://api.example.test", hasValue: true },
      { key: "token", secret: true, value: null, hasValue: true },
    ]);
    expect(listed).toEqual([got]);
    const production = await editor.create({ workspaceId: ids.workspaceId, name: "Production" });
    expect((await editor.list({ workspaceId: ids.workspaceId })).map((e) => e.name)).toEqual(["Production", "Staging"]);
    expect(await editor.list({ workspaceId: ids.workspaceId, search: "prod" })).toEqual([production]);

    const audit = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.teamId, team.id), eq(auditEvents.targetId, environment.id)));
    expect(audit.map((e) => e.action)).toEqual(["environment.created"]);
    expect(audit[0]!.details).toMatchObject({ name: "Staging", keys: ["baseUrl", "token"], secretKeys: ["token"] });
    expect(JSON.stringify(audit)).not.toContain(TOKEN);
  });

  it("keeps a secret sent back with value null, and replaces one sent with a value", async () => {
    const { team, editor, ids } = await setup();
    const updated = await editor.update({
      ...ids,
      name: "Staging EU",
      variables: [
        { key: "token", value: null, secret: true },
        { key: "baseUrl", value: "https://eu.example.test", secret: false },
        { key: "apiKey", value: null, secret: true },
      ],
    });
    expect(updated.name).toBe("Staging EU");
    expect(updated.variables).toEqual([
      { key: "token", secret: true, value: null, hasValue: true },
      { key: "baseUrl", secret: false, value: "https://eu.example.test", hasValue: true },
      // A new secret with no value stays empty.
      { key: "apiKey", secret: true, value: null, hasValue: false },
    ]);
    const [token] = await storedVariables(ids.environmentId);
    expect(testSecrets.decrypt(token!.encryptedValue!)).toBe(TOKEN);

    await editor.update({ ...ids, variables: [{ key: "token", value: "rotated-secret", secret: true }] });
    const [rotated] = await storedVariables(ids.environmentId);
    expect(testSecrets.decrypt(rotated!.encryptedValue!)).toBe("rotated-secret");

    const [updatedEvent] = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.teamId, team.id), eq(auditEvents.action, "environment.updated")))
      .orderBy(asc(auditEvents.createdAt))
      .limit(1);
    expect(updatedEvent!.details).toMatchObject({
      changes: {
        name: { from: "Staging", to: "Staging EU" },
        variables: { added: ["apiKey"], removed: [], changed: ["baseUrl"], reordered: true },
      },
    });
    const audit = await handle.db.select().from(auditEvents).where(eq(auditEvents.teamId, team.id));
    expect(JSON.stringify(audit)).not.toContain("rotated-secret");
  });

  it("needs a new value to make a secret non-secret", async () => {
    const { editor, ids } = await setup();
    await expect(
      editor.update({ ...ids, variables: [{ key: "token", value: null, secret: false }] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining('Enter a value for "token"') });
    const plain = await editor.update({ ...ids, variables: [{ key: "token", value: "now-public", secret: false }] });
    expect(plain.variables).toEqual([{ key: "token", secret: false, value: "now-public", hasValue: true }]);
  });

  it("refuses duplicate variable names, naming the duplicate", async () => {
    const { editor, ids } = await setup();
    const duplicated = [...variables, { key: " token ", value: "other", secret: false }];
    for (const attempt of [
      editor.create({ workspaceId: ids.workspaceId, name: "Dup", variables: duplicated }),
      editor.update({ ...ids, variables: duplicated }),
    ]) {
      const error = await attempt.catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "BAD_REQUEST" });
      const { cause } = error as { cause: z.ZodError };
      expect(z.flattenError(cause).fieldErrors).toEqual({
        variables: ['The variable "token" appears more than once. Variable names must be unique within an environment.'],
      });
    }
    expect((await editor.get(ids)).variables.map((v) => v.key)).toEqual(["baseUrl", "token"]);
  });

  it("lets a viewer read but not create, update or delete", async () => {
    const { team, workspace, ids } = await setup();
    const viewer = await createUser(handle.db);
    await addTeamMember(handle.db, team.id, viewer.id, "developer");
    await addWorkspaceMember(handle.db, workspace.id, viewer.id, "viewer");
    const caller = callerFor(viewer.id);

    expect((await caller.list({ workspaceId: workspace.id })).map((e) => e.id)).toEqual([ids.environmentId]);
    expect(await caller.get(ids)).toMatchObject({ name: "Staging" });
    const refused = { code: "FORBIDDEN" };
    await expect(caller.create({ workspaceId: workspace.id, name: "Mine", variables: [] })).rejects.toMatchObject(refused);
    await expect(caller.update({ ...ids, name: "Hijacked" })).rejects.toMatchObject(refused);
    await expect(caller.delete(ids)).rejects.toMatchObject(refused);
    expect(await caller.list({ workspaceId: workspace.id })).toMatchObject([{ name: "Staging" }]);
  });

  it("keeps one team out of another team's workspaces and environments", async () => {
    const a = await setup();
    const b = await setup();
    const notFound = { code: "NOT_FOUND" };
    await expect(a.editor.list({ workspaceId: b.workspace.id })).rejects.toMatchObject(notFound);
    await expect(a.editor.get(b.ids)).rejects.toMatchObject(notFound);
    await expect(a.editor.create({ workspaceId: b.workspace.id, name: "Mine" })).rejects.toMatchObject(notFound);
    await expect(a.editor.update({ ...b.ids, name: "Mine" })).rejects.toMatchObject(notFound);
    await expect(a.editor.delete(b.ids)).rejects.toMatchObject(notFound);
    // Nor through one's own workspace id with the other team's environment id.
    const crossed = { workspaceId: a.workspace.id, environmentId: b.environment.id };
    await expect(a.editor.get(crossed)).rejects.toMatchObject(notFound);
    await expect(a.editor.update({ ...crossed, variables: [] })).rejects.toMatchObject(notFound);
    await expect(a.editor.delete(crossed)).rejects.toMatchObject(notFound);

    expect(await b.editor.get(b.ids)).toMatchObject({ name: "Staging", variables: [{ key: "baseUrl" }, { key: "token" }] });
  });

  it("scopes an environment to its workspace within the team", async () => {
    const { team, user, editor, ids } = await setup();
    const other = await createWorkspace(handle.db, team.id);
    await addWorkspaceMember(handle.db, other.id, user.id, "editor");
    expect(await editor.list({ workspaceId: other.id })).toEqual([]);
    await expect(editor.get({ ...ids, workspaceId: other.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses to delete an environment a monitor uses, naming the monitor", async () => {
    const { team, editor, ids } = await setup();
    await insertMonitor(team.id, ids.workspaceId, ids.environmentId, "Checkout API");
    await expect(editor.delete(ids)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining('"Staging" is used by the monitor "Checkout API"'),
    });
    expect(await editor.get(ids)).toMatchObject({ name: "Staging" });

    await handle.db.update(monitors).set({ environmentId: null }).where(eq(monitors.environmentId, ids.environmentId));
    await editor.delete(ids);
    await expect(editor.get(ids)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await storedVariables(ids.environmentId)).toEqual([]);
  });

  it("resolves decrypted values for a run", async () => {
    const { editor, ids } = await setup();
    await editor.update({ ...ids, variables: [...variables, { key: "empty", value: null, secret: true }] });
    expect(await unsafeResolveEnvironmentForRun(handle.db, testSecrets, ids.environmentId)).toEqual({
      values: [
        { key: "baseUrl", value: "https://api.example.test", secret: false },
        { key: "token", value: TOKEN, secret: true },
        { key: "empty", value: "", secret: true },
      ],
      secretValues: [TOKEN],
    });
  });

  it("validates names and the size of the list", async () => {
    const { editor, ids } = await setup();
    await expect(editor.create({ workspaceId: ids.workspaceId, name: "  " })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("Give your environment a name."),
    });
    const tooMany = Array.from({ length: 201 }, (_, i) => ({ key: `v${i}`, value: "x", secret: false }));
    await expect(editor.update({ ...ids, variables: tooMany })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
