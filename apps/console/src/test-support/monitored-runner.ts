import { createRunnerTeam } from "@outpost/api/testing/runner-fixtures";
import { createCollection, type TestDatabase } from "@outpost/db/testing";

/** A collection with one GET to `url` and the given test script lines. */
export function healthCheck(url: string, tests = ['pm.test("Status code is 200", () => pm.response.to.have.status(200));']) {
  return {
    info: { name: "Health", schema: "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
    item: [{ name: "Health", request: { method: "GET", url }, event: [{ listen: "test", script: { exec: tests } }] }],
  };
}

/**
 * A team with a private runner and a monitor on it that runs `definition`; `runNow()` queues a
 * manual run as the team's developer and answers its id.
 */
export async function createMonitoredRunner(handle: TestDatabase, definition: Record<string, unknown>) {
  const t = await createRunnerTeam(handle);
  const created = await t.as("admin").runner.create({ name: "Edge", description: "", source: "runner_settings" });
  const collection = await createCollection(handle.db, t.team.id, t.w1.id, { definition });
  const monitor = await t.as("admin").monitor.create({
    workspaceId: t.w1.id,
    name: "Checkout",
    collectionId: collection.id,
    schedule: { kind: "interval", minutes: 60 },
    runners: { mode: "manual", runnerIds: [created.runner.id] },
  });
  const runNow = async () => {
    const { runIds } = await t.as("developer").monitor.runNow({ workspaceId: t.w1.id, monitorId: monitor.id });
    return runIds[0]!;
  };
  return { ...t, runner: created.runner, key: created.key, monitor, runNow };
}
