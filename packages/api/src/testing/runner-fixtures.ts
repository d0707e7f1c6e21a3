import {
  addTeamMember,
  addWorkspaceMember,
  createCollection,
  createTeam,
  createUser,
  createWorkspace,
  type TestDatabase,
} from "@outpost/db/testing";
import type { TeamPlan, TeamRole } from "@outpost/db";
import { callerFor } from "./caller";

/** A team with one member of every role, two internal workspaces and a personal one. */
export async function createRunnerTeam(
  handle: TestDatabase,
  { plan = "enterprise", enabled = true }: { plan?: TeamPlan; enabled?: boolean } = {},
) {
  const team = await createTeam(handle.db, { plan, privateMonitoringEnabled: enabled });
  const members = {} as Record<TeamRole, { id: string }>;
  for (const role of ["super_admin", "admin", "developer", "billing"] as const) {
    members[role] = await createUser(handle.db);
    await addTeamMember(handle.db, team.id, members[role].id, role);
  }
  const w1 = await createWorkspace(handle.db, team.id, { name: "W1" });
  const w2 = await createWorkspace(handle.db, team.id, { name: "W2" });
  const personal = await createWorkspace(handle.db, team.id, {
    name: "Personal",
    type: "personal",
    ownerId: members.developer.id,
  });
  for (const w of [w1, w2]) await addWorkspaceMember(handle.db, w.id, members.developer.id, "editor");
  const as = (role: TeamRole) => callerFor(handle.db, members[role].id);
  return { team, members, w1, w2, personal, as };
}

/**
 * A runner team with one private runner and an hourly Manually Select monitor on it in W1, made
 * through the API as a Team Admin makes them. `key` is the runner's key, as shown once.
 */
export async function createRunnerWithMonitor(handle: TestDatabase, { runnerName = "Edge", monitorName = "Checkout" } = {}) {
  const t = await createRunnerTeam(handle);
  const { runner, key } = await t.as("admin").runner.create({ name: runnerName, description: "", source: "runner_settings" });
  const collection = await createCollection(handle.db, t.team.id, t.w1.id);
  const monitor = await t.as("admin").monitor.create({
    workspaceId: t.w1.id,
    name: monitorName,
    collectionId: collection.id,
    schedule: { kind: "interval", minutes: 60 },
    runners: { mode: "manual", runnerIds: [runner.id] },
  });
  return { ...t, runner, key, collection, monitor };
}
