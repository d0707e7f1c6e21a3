import { createRunnerTeam } from "@outpost/api/testing/runner-fixtures";
import { createCollection, type TestDatabase } from "@outpost/db/testing";
import { getCollection } from "./collections";
import type { InstanceCredentials } from "./fleet";

/** How many instances each simulated runner has, as a runner deployed with a few replicas would. */
const INSTANCES_PER_RUNNER = 4;
/** Simulated runners are spread over the measured runner's team and this many others. */
const OTHER_TEAMS = 4;

/**
 * The measured runner and its monitor: one GET to the target API with one test. The monitor is
 * paused so the scheduler never queues a run of it; Run now still runs a paused monitor.
 */
export async function createMeasuredMonitor(handle: TestDatabase, targetUrl: string) {
  const team = await createRunnerTeam(handle);
  const admin = team.as("admin");
  const created = await admin.runner.create({ name: "Measured", description: "", source: "runner_settings" });
  const collection = await createCollection(handle.db, team.team.id, team.w1.id, {
    definition: getCollection("Health", targetUrl, 1),
  });
  const monitor = await admin.monitor.create({
    workspaceId: team.w1.id,
    name: "Health",
    collectionId: collection.id,
    schedule: { kind: "interval", minutes: 60 },
    runners: { mode: "manual", runnerIds: [created.runner.id] },
  });
  await admin.monitor.setPaused({ workspaceId: team.w1.id, monitorId: monitor.id, paused: true });
  return {
    team,
    runner: { runnerId: created.runner.id, key: created.key },
    /** Run now, as a developer of the team clicks it. */
    runNow: () => team.as("developer").monitor.runNow({ workspaceId: team.w1.id, monitorId: monitor.id }),
  };
}

/** Runners for the simulated instances: none ever has a run queued, so they never take the measured runner's. */
export async function createFleetRunners(handle: TestDatabase, measuredTeam: Awaited<ReturnType<typeof createRunnerTeam>>, instances: number) {
  const teams = [measuredTeam];
  for (let i = 0; i < OTHER_TEAMS; i++) teams.push(await createRunnerTeam(handle));
  const credentials: InstanceCredentials[] = [];
  for (let index = 0; credentials.length < instances; index++) {
    const owner = teams[index % teams.length]!;
    const { runner, key } = await owner.as("admin").runner.create({ name: `Fleet ${index + 1}`, description: "", source: "runner_settings" });
    for (let replica = 0; replica < INSTANCES_PER_RUNNER && credentials.length < instances; replica++) {
      credentials.push({ runnerId: runner.id, key });
    }
  }
  return credentials;
}
