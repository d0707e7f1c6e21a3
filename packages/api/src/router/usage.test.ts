import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, teams } from "@outpost/db";
import { createCollection, createTestDatabase, type TestDatabase } from "@outpost/db/testing";
import { createRunnerTeam } from "../testing/runner-fixtures";
import { completeRun, registerTestInstance, runResult } from "../testing/run-results";
import { usagePeriod } from "../services/usage/period";

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

/** An Enterprise team with one private runner and two monitors on it. */
async function teamWithMonitors() {
  const t = await createRunnerTeam(handle);
  const { runner } = await t.as("admin").runner.create({ name: "Edge", description: "", source: "runner_settings" });
  const collection = await createCollection(handle.db, t.team.id, t.w1.id);
  const create = (name: string) =>
    t.as("admin").monitor.create({
      workspaceId: t.w1.id,
      name,
      collectionId: collection.id,
      schedule: { kind: "interval", minutes: 60 },
      runners: { mode: "manual", runnerIds: [runner.id] },
    });
  const orders = await create("Orders");
  const payments = await create("Payments");
  const identity = { kind: "private" as const, id: runner.id, teamId: t.team.id };
  const instanceId = await registerTestInstance(handle.db, identity);
  const report = async (monitorId: string, requestCount: number) => {
    const { runIds } = await t.as("admin").monitor.runNow({ workspaceId: t.w1.id, monitorId });
    await completeRun(handle.db, identity, instanceId, runIds[0]!, runResult({ requestCount }));
  };
  return { ...t, orders, payments, report };
}

describe("usage", () => {
  it("shows requests used this period against the quota, per monitor, retries included", async () => {
    const t = await teamWithMonitors();
    // Two requests, the second retried twice: the runner reports six requests sent.
    await t.report(t.orders.id, 6);
    await t.report(t.orders.id, 6);
    await t.report(t.payments.id, 2);
    // Another team's requests are not ours.
    const other = await teamWithMonitors();
    await other.report(other.orders.id, 40);

    const usage = await t.as("admin").usage.current();
    const period = usagePeriod(new Date());
    expect(usage).toMatchObject({
      plan: "enterprise",
      planLabel: "Enterprise",
      quota: 1_000_000,
      used: 14,
      remaining: 999_986,
      overage: 0,
      overageAllowed: true,
      stopsAtQuota: false,
      exhausted: false,
      periodStart: period.start,
      resetsAt: period.end,
      deletedMonitorsRequests: 0,
    });
    expect(usage.monitors).toMatchObject([
      { id: t.orders.id, name: "Orders", workspaceName: "W1", requests: 12, runs: 2 },
      { id: t.payments.id, name: "Payments", requests: 2, runs: 1 },
    ]);

    // A deleted monitor's runs go with it; the meter keeps counting its requests.
    await t.as("admin").monitor.delete({ workspaceId: t.w1.id, monitorId: t.payments.id });
    const after = await t.as("admin").usage.current();
    expect(after.used).toBe(14);
    expect(after.monitors).toMatchObject([{ id: t.orders.id, requests: 12 }]);
    expect(after.deletedMonitorsRequests).toBe(2);
  });

  it("is for Team Admins, Super Admins and Billing; developers are refused", async () => {
    const t = await createRunnerTeam(handle, { plan: "basic" });
    for (const role of ["admin", "super_admin", "billing"] as const) {
      await expect(t.as(role).usage.current()).resolves.toMatchObject({ plan: "basic", quota: 10_000, used: 0 });
    }
    await expect(t.as("developer").usage.current()).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Only Team Admins, Super Admins and Billing can see the team's usage.",
    });
  });

  it("lets only admins turn overage off and on, on paid plans, audited", async () => {
    const t = await createRunnerTeam(handle, { plan: "professional" });
    for (const role of ["developer", "billing"] as const) {
      await expect(t.as(role).usage.setOverage({ allowed: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await t.as("admin").usage.setOverage({ allowed: false })).toEqual({ overageAllowed: false });
    expect(await t.as("billing").usage.current()).toMatchObject({ overageAllowed: false, stopsAtQuota: true });
    // Saying it again changes nothing and records nothing.
    await t.as("super_admin").usage.setOverage({ allowed: false });
    await t.as("super_admin").usage.setOverage({ allowed: true });

    const [team] = await handle.db.select().from(teams).where(eq(teams.id, t.team.id));
    expect(team?.overageAllowed).toBe(true);
    const events = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.teamId, t.team.id), eq(auditEvents.targetType, "team")))
      .orderBy(auditEvents.createdAt);
    expect(events).toMatchObject([
      { action: "team.overage_disallowed", actorUserId: t.members.admin.id, details: { changes: { overageAllowed: { from: true, to: false } } } },
      { action: "team.overage_allowed", actorUserId: t.members.super_admin.id },
    ]);

    const free = await createRunnerTeam(handle, { plan: "free" });
    await expect(free.as("admin").usage.setOverage({ allowed: false })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("Overage is available with the Basic, Professional and Enterprise plans."),
    });
  });
});
