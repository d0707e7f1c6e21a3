import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addWorkspaceMember, createCollection, createTestDatabase, createUser, addTeamMember, type TestDatabase } from "@outpost/db/testing";
import { monitorRunners, monitors, notificationOutbox, runs, type NotificationPayload } from "@outpost/db";
import { deliverNotifications } from "../services/notification/deliver-notifications";
import { sealPlainWebhookUrls } from "../services/notification/seal-webhook-urls";
import { createSecretCipher } from "../services/secrets/cipher";
import { callerFor, TEST_PUBLIC_URL, testSecrets } from "../testing/caller";
import { startWebhookReceiver } from "../testing/webhook-receiver";
import { createRunnerTeam } from "../testing/runner-fixtures";

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

async function setup() {
  const t = await createRunnerTeam(handle);
  const collection = await createCollection(handle.db, t.team.id, t.w1.id);
  const admin = t.as("admin");
  const { runner: everywhere } = await admin.runner.create({ name: "Everywhere", description: "", source: "runner_settings" });
  const { runner: onlyW2 } = await admin.runner.create({
    name: "Only W2",
    description: "",
    source: "runner_settings",
    visibility: { visibility: "selected_workspace", workspaceId: t.w2.id },
  });
  const fields = {
    workspaceId: t.w1.id,
    name: "Checkout API",
    collectionId: collection.id,
    schedule: { kind: "interval" as const, minutes: 5 },
  };
  return { ...t, collection, everywhere, onlyW2, fields };
}

describe("monitor runner selection", () => {
  it("lets a developer create a monitor on a runner visible in the workspace", async () => {
    const t = await setup();
    const created = await t.as("developer").monitor.create({
      ...t.fields,
      runners: { mode: "manual", runnerIds: [t.everywhere.id] },
    });
    expect(created.nextRunAt!.getTime()).toBeGreaterThan(Date.now());
    const [monitor] = await t.as("developer").monitor.list({ workspaceId: t.w1.id });
    expect(monitor).toMatchObject({ name: "Checkout API", runnerMode: "manual", status: "no_runs", runners: [{ id: t.everywhere.id }] });
  });

  it("refuses a runner restricted to another workspace, another team's runner, and private runners outside internal workspaces", async () => {
    const t = await setup();
    const other = await setup();
    const developer = t.as("developer");
    const refused = { code: "BAD_REQUEST", message: "One or more selected runners are not available in this workspace." };
    await expect(developer.monitor.create({ ...t.fields, runners: { mode: "manual", runnerIds: [t.onlyW2.id] } })).rejects.toMatchObject(refused);
    await expect(
      developer.monitor.create({ ...t.fields, runners: { mode: "manual", runnerIds: [t.everywhere.id, other.everywhere.id] } }),
    ).rejects.toMatchObject(refused);

    const personalCollection = await createCollection(handle.db, t.team.id, t.personal.id);
    await expect(
      developer.monitor.create({
        ...t.fields,
        workspaceId: t.personal.id,
        collectionId: personalCollection.id,
        runners: { mode: "manual", runnerIds: [t.everywhere.id] },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "Runners are only supported in internal workspaces." });
    // Auto-select works anywhere.
    await developer.monitor.create({ ...t.fields, workspaceId: t.personal.id, collectionId: personalCollection.id });
    expect(await handle.db.select().from(monitorRunners).where(eq(monitorRunners.runnerId, t.onlyW2.id))).toEqual([]);
  });

  it("refuses viewers, and another team's collection", async () => {
    const t = await setup();
    const viewer = await createUser(handle.db);
    await addTeamMember(handle.db, t.team.id, viewer.id, "developer");
    await addWorkspaceMember(handle.db, t.w1.id, viewer.id, "viewer");
    await expect(callerFor(handle.db, viewer.id).monitor.create(t.fields)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await callerFor(handle.db, viewer.id).monitor.list({ workspaceId: t.w1.id })).toEqual([]);

    const other = await setup();
    await expect(t.as("developer").monitor.create({ ...t.fields, collectionId: other.collection.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("keeps the plan's minimum interval", async () => {
    const t = await createRunnerTeam(handle, { plan: "free", enabled: false });
    const collection = await createCollection(handle.db, t.team.id, t.w1.id);
    const input = { workspaceId: t.w1.id, name: "M", collectionId: collection.id, schedule: { kind: "interval" as const, minutes: 5 } };
    await expect(t.as("developer").monitor.create(input)).rejects.toMatchObject({ message: "Your plan runs monitors at most every 60 minutes." });
    await t.as("developer").monitor.create({ ...input, schedule: { kind: "interval", minutes: 60 } });
  });
});

describe("monitor actions", () => {
  it("edits, pauses, resumes, runs now, logs activity and deletes", async () => {
    const t = await setup();
    const dev = t.as("developer");
    const onEverywhere = { mode: "manual" as const, runnerIds: [t.everywhere.id] };
    const { id: monitorId } = await dev.monitor.create({ ...t.fields, runners: onEverywhere });
    const at = { workspaceId: t.w1.id, monitorId };

    await dev.monitor.update({
      ...t.fields,
      ...at,
      runners: onEverywhere,
      name: "Checkout API v2",
      schedule: { kind: "daily", time: "09:00" },
      timezone: "Europe/Berlin",
    });
    expect(await dev.monitor.get(at)).toMatchObject({ name: "Checkout API v2", timezone: "Europe/Berlin", schedule: { kind: "daily" } });

    await dev.monitor.setPaused({ ...at, paused: true });
    expect(await dev.monitor.get(at)).toMatchObject({ paused: true, status: "paused" });
    await dev.monitor.setPaused({ ...at, paused: false });

    const { runIds } = await dev.monitor.runNow(at);
    expect(runIds).toHaveLength(1);
    const [run] = await handle.db.select().from(runs).where(eq(runs.id, runIds[0]!));
    expect(run).toMatchObject({ type: "manual", status: "queued", runnerId: t.everywhere.id, triggeredById: t.members.developer.id });
    // A second Run now while the first is still queued does not overlap it.
    await expect(dev.monitor.runNow(at)).rejects.toMatchObject({ code: "CONFLICT" });

    // A runner that a monitor uses can't be deleted.
    await expect(t.as("admin").runner.delete({ runnerId: t.everywhere.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining('"Checkout API v2"'),
    });

    const activity = await dev.monitor.activity(at);
    expect(activity.map((a) => a.action)).toEqual([
      "monitor.run_requested",
      "monitor.resumed",
      "monitor.paused",
      "monitor.updated",
      "monitor.created",
    ]);
    expect(activity[3]?.details).toEqual({ changed: ["name", "schedule", "timezone"] });

    await dev.monitor.delete(at);
    await expect(dev.monitor.get(at)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await t.as("admin").runner.delete({ runnerId: t.everywhere.id });
  });

  it("keeps another team out of a monitor", async () => {
    const t = await setup();
    const other = await setup();
    const { id: monitorId } = await t.as("developer").monitor.create(t.fields);
    const intruder = other.as("admin");
    for (const call of [
      () => intruder.monitor.get({ workspaceId: t.w1.id, monitorId }),
      () => intruder.monitor.delete({ workspaceId: t.w1.id, monitorId }),
      () => intruder.monitor.get({ workspaceId: other.w1.id, monitorId }),
      () => intruder.monitor.runNow({ workspaceId: other.w1.id, monitorId }),
      () => intruder.monitor.setPaused({ workspaceId: other.w1.id, monitorId, paused: true }),
      () => intruder.monitor.activity({ workspaceId: other.w1.id, monitorId }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });
});

describe("a monitor's webhook URL", () => {
  const url = "https://hooks.slack.example/services/T000/B000/XXXXXXXXXXXXtoken";

  it("is stored sealed and never read back; the editor keeps, replaces or removes it", async () => {
    const t = await setup();
    const developer = t.as("developer");
    const viewer = await createUser(handle.db);
    await addTeamMember(handle.db, t.team.id, viewer.id, "developer");
    await addWorkspaceMember(handle.db, t.w1.id, viewer.id, "viewer");
    const notifications = { recipients: ["oncall@example.com"], stopAfterConsecutiveFailures: 3, webhookUrl: url };
    const { id } = await developer.monitor.create({ ...t.fields, notifications });

    const [row] = await handle.db.select().from(monitors).where(eq(monitors.id, id));
    expect(JSON.stringify(row)).not.toContain("XXXXXXXXXXXXtoken");
    expect(testSecrets.decrypt(row!.notifications.webhookUrl!)).toBe(url);
    // Editors and viewers alike read where it posts, not the URL.
    const shown = { recipients: ["oncall@example.com"], stopAfterConsecutiveFailures: 3, webhookHost: "hooks.slack.example" };
    expect((await developer.monitor.get({ workspaceId: t.w1.id, monitorId: id })).notifications).toEqual(shown);
    const [listed] = await callerFor(handle.db, viewer.id).monitor.list({ workspaceId: t.w1.id });
    expect(listed!.notifications).toEqual(shown);
    expect(JSON.stringify(listed)).not.toContain("token");

    const save = (webhookUrl?: string | null) =>
      developer.monitor.update({ ...t.fields, monitorId: id, notifications: { ...notifications, webhookUrl } });
    const stored = async () => (await handle.db.select().from(monitors).where(eq(monitors.id, id)))[0]!.notifications;
    // Saved without a URL (the editor never had it): kept as it was.
    await save(undefined);
    expect(testSecrets.decrypt((await stored()).webhookUrl!)).toBe(url);
    await save("https://chat.example.com/hook/2");
    expect(await stored()).toMatchObject({ webhookHost: "chat.example.com" });
    expect(testSecrets.decrypt((await stored()).webhookUrl!)).toBe("https://chat.example.com/hook/2");
    await save(null);
    expect(await stored()).toMatchObject({ webhookUrl: null, webhookHost: null });
  });

  it("stored in clear by an earlier console is sealed at start, queued notifications included, and still posted", async () => {
    const t = await setup();
    const receiver = await startWebhookReceiver();
    const legacyUrl = receiver.url("/hook/legacy-token");
    const { id } = await t.as("developer").monitor.create({ ...t.fields });
    await handle.db
      .update(monitors)
      .set({ notifications: { recipients: [], stopAfterConsecutiveFailures: 3, webhookUrl: legacyUrl } })
      .where(eq(monitors.id, id));
    const queue = (webhookUrl: string) =>
      handle.db
        .insert(notificationOutbox)
        .values({ teamId: t.team.id, monitorId: id, kind: "run_failed", channel: "webhook", webhookUrl, payload: failedPayload(id) })
        .returning()
        .then((rows) => rows[0]!);
    const queued = await queue(legacyUrl);
    // Sealed under another console's key: no retry can open it.
    const foreign = await queue(createSecretCipher(randomBytes(32)).encrypt(legacyUrl));
    const [before] = await handle.db.select().from(monitors).where(eq(monitors.id, id));

    try {
      expect(await sealPlainWebhookUrls(handle.db, testSecrets)).toEqual({ monitors: 1, notifications: 1 });
      const [after] = await handle.db.select().from(monitors).where(eq(monitors.id, id));
      expect(after!.notifications).toMatchObject({ webhookHost: new URL(legacyUrl).host });
      expect(testSecrets.decrypt(after!.notifications.webhookUrl!)).toBe(legacyUrl);
      expect(after!.updatedAt).toEqual(before!.updatedAt);
      const outboxRow = async (rowId: string) => (await handle.db.select().from(notificationOutbox).where(eq(notificationOutbox.id, rowId)))[0]!;
      expect(testSecrets.decrypt((await outboxRow(queued.id)).webhookUrl!)).toBe(legacyUrl);
      // Once sealed, a start finds nothing more to do.
      expect(await sealPlainWebhookUrls(handle.db, testSecrets)).toEqual({ monitors: 0, notifications: 0 });

      await deliverNotifications(handle.db, { mailer: null, secrets: testSecrets, publicUrl: TEST_PUBLIC_URL });
      expect(receiver.received.map((hook) => hook.path)).toEqual(["/hook/legacy-token"]);
      expect(await outboxRow(queued.id)).toMatchObject({ status: "sent" });
      expect(await outboxRow(foreign.id)).toMatchObject({
        status: "failed",
        lastError: "The webhook URL can't be read with this console's secret key: enter it again in the monitor.",
      });
    } finally {
      await receiver.close();
    }
  });
});

function failedPayload(monitorId: string): NotificationPayload {
  return {
    kind: "run_failed",
    monitor: { id: monitorId, name: "Checkout API", workspaceId: crypto.randomUUID() },
    run: { id: crypto.randomUUID(), outcome: "failure", errorMessage: null, type: "scheduled", runnerName: "Edge", finishedAt: new Date().toISOString() },
    failedTests: [],
    moreFailedTests: 0,
    consecutiveFailures: 1,
    stopAfterConsecutiveFailures: 3,
  };
}
