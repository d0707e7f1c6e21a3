import {
  addTeamMember,
  addWorkspaceMember,
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
