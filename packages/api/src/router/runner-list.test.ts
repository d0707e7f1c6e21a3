import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runners } from "@outpost/db";
import { createTestDatabase, type TestDatabase } from "@outpost/db/testing";
import { HEALTHY_WITHIN_SECONDS } from "../services/runner/health";
import { createRunnerTeam } from "../testing/runner-fixtures";

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

describe("runner settings list", () => {
  it("derives health from the last ping, and searches and filters", async () => {
    const t = await createRunnerTeam(handle);
    const make = async (role: "admin" | "super_admin", name: string, lastSeenSecondsAgo: number | null) => {
      const { runner } = await t.as(role).runner.create({ name, description: "", source: "runner_settings" });
      const lastSeenAt = lastSeenSecondsAgo === null ? null : new Date(Date.now() - lastSeenSecondsAgo * 1000);
      await handle.db.update(runners).set({ lastSeenAt }).where(eq(runners.id, runner.id));
      return runner.id;
    };
    const fresh = await make("admin", "Build farm east", 5);
    const stale = await make("admin", "Build farm west", HEALTHY_WITHIN_SECONDS + 60);
    const never = await make("super_admin", "Payments 100%_edge", null);
    const admin = t.as("admin");

    const all = await admin.runner.list();
    expect(all.map((r) => [r.id, r.health])).toEqual([
      [fresh, "healthy"],
      [stale, "unhealthy"],
      [never, "unknown"],
    ]);
    expect(all[0]?.createdByName).toBeTruthy();

    const ids = async (input: Parameters<typeof admin.runner.list>[0]) => (await admin.runner.list(input)).map((r) => r.id);
    expect(await ids({ search: "farm" })).toEqual([fresh, stale]);
    expect(await ids({ search: "FARM EAST" })).toEqual([fresh]);
    // LIKE wildcards in the search are taken literally.
    expect(await ids({ search: "100%_" })).toEqual([never]);
    expect(await ids({ search: "%" })).toEqual([never]);
    expect(await ids({ health: "unhealthy" })).toEqual([stale]);
    expect(await ids({ health: "unknown" })).toEqual([never]);
    expect(await ids({ createdById: t.members.super_admin.id })).toEqual([never]);
    expect(await ids({ search: "farm", health: "healthy", createdById: t.members.admin.id })).toEqual([fresh]);

    const creators = await admin.runner.creators();
    expect(creators.map((c) => c.id).sort()).toEqual([t.members.admin.id, t.members.super_admin.id].sort());
  });

  it("shows a runner's instances and queue, empty before any runner connects", async () => {
    const t = await createRunnerTeam(handle);
    const { runner } = await t.as("admin").runner.create({ name: "Quiet", description: "", source: "runner_settings" });
    expect(await t.as("admin").runner.get({ runnerId: runner.id })).toMatchObject({
      health: "unknown",
      instances: [],
      queue: { depth: 0, oldestQueuedAt: null },
    });
  });
});
