import { randomBytes } from "node:crypto";
import net from "node:net";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notificationOutbox, runners, runs, users } from "@outpost/db";
import { createCollection, createTestDatabase, type TestDatabase } from "@outpost/db/testing";
import { TEST_PUBLIC_URL, testSecrets } from "../../testing/caller";
import { startMailServer, type MailServer } from "../../testing/mail-server";
import { createRunnerTeam } from "../../testing/runner-fixtures";
import { completeRun, failingResult, registerTestInstance, runResult } from "../../testing/run-results";
import { startWebhookReceiver } from "../../testing/webhook-receiver";
import { createDispatchLoop } from "../dispatch/loop";
import { sweepRuns } from "../dispatch/sweep";
import { deliverNotifications, type NotifierDeps } from "./deliver-notifications";
import { createSmtpMailer } from "./mailer";
import { queueRunnerOfflineNotifications } from "./queue-runner-offline";

let handle: TestDatabase;
let mail: MailServer;
let webhooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
let deps: NotifierDeps;
beforeAll(async () => {
  handle = await createTestDatabase();
  mail = await startMailServer();
  webhooks = await startWebhookReceiver();
  deps = { mailer: createSmtpMailer({ url: mail.url, from: "Outpost <outpost@example.test>" }), secrets: testSecrets, publicUrl: TEST_PUBLIC_URL };
});
afterAll(async () => {
  deps?.mailer?.close();
  await Promise.all([mail?.close(), webhooks?.close()]);
  await handle?.close();
});

const SECRET = "s3cr3t-token-value";

/** A monitor on a private runner that notifies two recipients and a webhook of its own. */
async function notifyingMonitor({ stopAfter = 3, webhook = true, recipients = ["oncall@example.test", "lead@example.test"] } = {}) {
  const t = await createRunnerTeam(handle);
  const { runner } = await t.as("admin").runner.create({ name: "Edge", description: "", source: "runner_settings" });
  const collection = await createCollection(handle.db, t.team.id, t.w1.id);
  const environment = await t.as("admin").environment.create({
    workspaceId: t.w1.id,
    name: "Prod",
    variables: [{ key: "token", value: SECRET, secret: true }],
  });
  const name = `Orders API ${randomBytes(3).toString("hex")}`;
  const hookPath = `/hook/${randomBytes(4).toString("hex")}`;
  const { id } = await t.as("admin").monitor.create({
    workspaceId: t.w1.id,
    name,
    collectionId: collection.id,
    environmentId: environment.id,
    schedule: { kind: "interval", minutes: 60 },
    runners: { mode: "manual", runnerIds: [runner.id] },
    notifications: { recipients, stopAfterConsecutiveFailures: stopAfter, webhookUrl: webhook ? webhooks.url(hookPath) : null },
  });
  const identity = { kind: "private" as const, id: runner.id, teamId: t.team.id };
  const instanceId = await registerTestInstance(handle.db, identity);
  const report = async (result = failingResult()) => {
    const { runIds } = await t.as("admin").monitor.runNow({ workspaceId: t.w1.id, monitorId: id });
    await completeRun(handle.db, identity, instanceId, runIds[0]!, result);
    return runIds[0]!;
  };
  return {
    ...t,
    monitorId: id,
    name,
    runnerId: runner.id,
    report,
    emails: () => mail.messages.filter((message) => message.subject.endsWith(name)),
    hooks: () => webhooks.received.filter((hook) => hook.path === hookPath),
    monitorUrl: `${TEST_PUBLIC_URL}/workspaces/${t.w1.id}/monitors/${id}`,
  };
}

const outboxOf = (monitorId: string) =>
  handle.db
    .select()
    .from(notificationOutbox)
    .where(eq(notificationOutbox.monitorId, monitorId))
    .orderBy(notificationOutbox.createdAt, notificationOutbox.channel);

describe("notifications", () => {
  it("emails the recipients and posts the webhook when a run fails, with the failed tests and a link", async () => {
    const m = await notifyingMonitor();
    const masked = failingResult();
    masked.executions[0]!.url = "http://127.0.0.1:9/health?token=********";
    await m.report(masked);
    expect(await deliverNotifications(handle.db, deps)).toMatchObject({ sent: 2, retrying: 0, failed: 0 });

    const [email, ...more] = m.emails();
    expect(more).toEqual([]);
    expect(email).toMatchObject({ subject: `[Outpost] Failure: ${m.name}`, to: ["oncall@example.test", "lead@example.test"] });
    expect(email!.raw).toContain("Content-Type: text/plain");
    expect(email!.raw).toContain("Content-Type: text/html");
    expect(email!.body).toContain(`${m.name} failed: 1 test did not pass.`);
    expect(email!.body).toContain("Health › Status code is 200: expected response to have status code 200 but got 500");
    expect(email!.body).toContain("The manual (Run now) run on Edge finished at");
    expect(email!.body).toContain("Failed runs in a row: 1. Notifications stop after 3");
    expect(email!.body).toContain(m.monitorUrl);
    expect(email!.body).toContain(`<a href="${m.monitorUrl}"`);
    expect(email!.raw).not.toContain(SECRET);

    const [hook] = m.hooks();
    expect(hook!.headers["content-type"]).toBe("application/json");
    expect(hook!.body).toMatchObject({
      text: expect.stringContaining(`Failure: ${m.name} failed: 1 test did not pass.`),
      event: "monitor.failed",
      monitor: { id: m.monitorId, name: m.name, url: m.monitorUrl },
      run: { outcome: "failure", runner: "Edge", type: "manual" },
      failedTests: [{ request: "Health", test: "Status code is 200", message: "expected response to have status code 200 but got 500" }],
      consecutiveFailures: 1,
      stopAfterConsecutiveFailures: 3,
    });
    expect(JSON.stringify(hook!.body)).not.toContain(SECRET);
    expect((await outboxOf(m.monitorId)).map((row) => [row.channel, row.status, row.attempts])).toEqual([
      ["email", "sent", 1],
      ["webhook", "sent", 1],
    ]);
  });

  it("stops after N failures in a row, sends one recovery on the next success, and starts over", async () => {
    const m = await notifyingMonitor({ stopAfter: 2 });
    for (let i = 0; i < 4; i++) await m.report();
    await deliverNotifications(handle.db, deps);
    expect(m.emails().map((email) => email.subject)).toEqual([`[Outpost] Failure: ${m.name}`, `[Outpost] Failure: ${m.name}`]);
    expect(m.emails()[1]!.body).toContain("This is the 2nd failed run in a row: no more failure notifications until the monitor recovers.");
    expect(m.hooks().map((hook) => hook.body.consecutiveFailures)).toEqual([1, 2]);

    await m.report(runResult());
    await m.report(runResult());
    await deliverNotifications(handle.db, deps);
    const recovery = m.emails().slice(2);
    expect(recovery.map((email) => email.subject)).toEqual([`[Outpost] Recovered: ${m.name}`]);
    expect(recovery[0]!.body).toContain(`${m.name} is passing again: the latest run was Successful after 4 failed runs.`);
    expect(m.hooks().slice(2).map((hook) => [hook.body.event, hook.body.consecutiveFailures])).toEqual([["monitor.recovered", 4]]);

    // A new streak is notified again.
    await m.report();
    await deliverNotifications(handle.db, deps);
    expect(m.emails().map((email) => email.subject.split(":")[0])).toEqual([
      "[Outpost] Failure",
      "[Outpost] Failure",
      "[Outpost] Recovered",
      "[Outpost] Failure",
    ]);
  });

  it("counts runs the sweeper ends (nobody picked them up, runner lost) as failures", async () => {
    const m = await notifyingMonitor({ webhook: false });
    const { runIds } = await m.as("admin").monitor.runNow({ workspaceId: m.w1.id, monitorId: m.monitorId });
    await handle.db.update(runs).set({ queuedAt: sql`now() - interval '7 minutes'` }).where(eq(runs.id, runIds[0]!));
    await sweepRuns(handle.db);
    await deliverNotifications(handle.db, deps);
    expect(m.emails()).toMatchObject([{ subject: `[Outpost] Error: ${m.name}` }]);
    expect(m.emails()[0]!.body).toContain(`${m.name} could not complete its run: no runner picked up this run.`);
    expect(await outboxOf(m.monitorId)).toMatchObject([{ kind: "run_failed", runId: runIds[0], payload: { run: { outcome: "error" } } }]);
  });

  it("tells a team's admins once that a runner went offline, and again only after it was healthy in between", async () => {
    const m = await notifyingMonitor();
    const offlineRows = () =>
      handle.db
        .select()
        .from(notificationOutbox)
        .where(and(eq(notificationOutbox.runnerId, m.runnerId), eq(notificationOutbox.kind, "runner_offline")));
    const seen = (lastSeenAt: unknown, offlineNotifiedAt: unknown = sql`${runners.offlineNotifiedAt}`) =>
      handle.db.update(runners).set({ lastSeenAt: lastSeenAt as Date, offlineNotifiedAt: offlineNotifiedAt as Date }).where(eq(runners.id, m.runnerId));

    // Silent for five minutes: Unhealthy. Two passes (two console processes) make one notice.
    await seen(sql`now() - interval '5 minutes'`);
    await Promise.all([queueRunnerOfflineNotifications(handle.db), queueRunnerOfflineNotifications(handle.db)]);
    await queueRunnerOfflineNotifications(handle.db);
    expect(await offlineRows()).toHaveLength(1);
    await deliverNotifications(handle.db, deps);
    const admins = await handle.db
      .select({ email: users.email })
      .from(users)
      .where(inArray(users.id, [m.members.admin.id, m.members.super_admin.id]));
    const adminEmails = admins.map((admin) => admin.email).sort();
    const offline = mail.messages.filter((message) => message.subject === "[Outpost] Runner offline: Edge" && message.to.includes(adminEmails[0]!));
    expect(offline).toHaveLength(1);
    expect(offline[0]!.to.sort()).toEqual(adminEmails);
    expect(offline[0]!.body).toContain(`${TEST_PUBLIC_URL}/team-settings/runners/${m.runnerId}`);

    // Healthy again: nothing; silent again after that: one more notice.
    await seen(sql`now()`);
    await queueRunnerOfflineNotifications(handle.db);
    expect(await offlineRows()).toHaveLength(1);
    await seen(sql`now() - interval '5 minutes'`, sql`now() - interval '10 minutes'`);
    await queueRunnerOfflineNotifications(handle.db);
    expect(await offlineRows()).toHaveLength(2);
  });

  it("keeps ingesting while the mail server is down, and sends the email once it is back", async () => {
    const down = await startMailServer();
    const port = down.port;
    await down.close();
    const received: typeof mail.messages = [];
    const mailer = createSmtpMailer({ url: `smtp://127.0.0.1:${port}`, from: "Outpost <outpost@example.test>" });
    const m = await notifyingMonitor();

    const started = Date.now();
    await m.report();
    expect(Date.now() - started).toBeLessThan(2_000);
    const now = new Date();
    await deliverNotifications(handle.db, { ...deps, mailer }, now);
    const [email, webhook] = await outboxOf(m.monitorId);
    expect(webhook).toMatchObject({ channel: "webhook", status: "sent" });
    expect(email).toMatchObject({ channel: "email", status: "pending", attempts: 1, nextAttemptAt: new Date(now.getTime() + 30_000) });
    expect(email!.lastError).toMatch(/ECONNREFUSED/);

    // Not due yet: left alone.
    await deliverNotifications(handle.db, { ...deps, mailer }, new Date(now.getTime() + 10_000));
    expect((await outboxOf(m.monitorId))[0]).toMatchObject({ status: "pending", attempts: 1 });

    const back = await startMailServer({ port, messages: received });
    try {
      await deliverNotifications(handle.db, { ...deps, mailer }, new Date(now.getTime() + 31_000));
      expect(received.filter((message) => message.subject.endsWith(m.name)).map((message) => message.subject)).toEqual([
        `[Outpost] Failure: ${m.name}`,
      ]);
      expect((await outboxOf(m.monitorId))[0]).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    } finally {
      mailer.close();
      await back.close();
    }
  });

  it("records emails as not sent when no mail server is configured, and still posts webhooks", async () => {
    const m = await notifyingMonitor();
    await m.report();
    await deliverNotifications(handle.db, { ...deps, mailer: null });
    expect((await outboxOf(m.monitorId)).map((row) => [row.channel, row.status, row.lastError])).toEqual([
      ["email", "not_sent", "Email is not configured on this installation (OUTPOST_SMTP_URL)."],
      ["webhook", "sent", null],
    ]);
    expect(m.emails()).toEqual([]);
    expect(m.hooks()).toHaveLength(1);
  });

  it("never sends one notification twice when several console processes deliver at once", async () => {
    const monitors = [];
    for (let i = 0; i < 4; i++) {
      const m = await notifyingMonitor();
      await m.report();
      monitors.push(m);
    }
    await Promise.all([
      deliverNotifications(handle.db, deps),
      deliverNotifications(handle.db, deps),
      deliverNotifications(handle.db, deps),
    ]);
    for (const m of monitors) {
      expect(m.emails()).toHaveLength(1);
      expect(m.hooks()).toHaveLength(1);
    }
    const rows = await handle.db
      .select()
      .from(notificationOutbox)
      .where(inArray(notificationOutbox.monitorId, monitors.map((m) => m.monitorId)));
    expect(rows.every((row) => row.status === "sent" && row.attempts === 1)).toBe(true);
  });

  it("keeps the dispatch loop scheduling while a mail server hangs", async () => {
    // Accepts connections and never says a word, as a wedged mail server does.
    const sockets = new Set<net.Socket>();
    const stalled = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => stalled.listen(0, "127.0.0.1", () => resolve()));
    const port = (stalled.address() as net.AddressInfo).port;
    const mailer = createSmtpMailer({ url: `smtp://127.0.0.1:${port}`, from: "Outpost <outpost@example.test>" });
    const m = await notifyingMonitor({ webhook: false });
    await m.report();

    const errors: unknown[] = [];
    const loop = createDispatchLoop({ db: handle.db, intervalMs: 20, notifier: { ...deps, mailer }, onError: (e) => errors.push(e) });
    loop.start();
    try {
      await until(() => sockets.size > 0);
      const ticked = loop.lastTickAt();
      await until(() => (loop.lastTickAt()?.getTime() ?? 0) > (ticked?.getTime() ?? 0) + 100);
      expect((await outboxOf(m.monitorId))[0]).toMatchObject({ channel: "email", status: "sending" });
    } finally {
      for (const socket of sockets) socket.destroy();
      await loop.stop();
      mailer.close();
      await new Promise<void>((resolve) => stalled.close(() => resolve()));
    }
    expect(errors).toEqual([]);
    expect((await outboxOf(m.monitorId))[0]).toMatchObject({ status: "pending", attempts: 1 });
  });
});

async function until(condition: () => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
