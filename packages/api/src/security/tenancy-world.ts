import { teamRole, workspaceRole, type TeamRole, type WorkspaceRole } from "@outpost/db";
import {
  addTeamMember,
  addWorkspaceMember,
  createCollection,
  createRun,
  createUser,
  type TestDatabase,
} from "@outpost/db/testing";
import { callerFor } from "../testing/caller";
import { createRunnerTeam } from "../testing/runner-fixtures";

/** One team's rows, by kind: what the other team's callers aim at. */
export type TeamRows = Awaited<ReturnType<typeof populateTeam>>;

/** A team with one of everything the API serves: runner, collection, environment with a secret, monitor, finished run. */
async function populateTeam(handle: TestDatabase) {
  const t = await createRunnerTeam(handle);
  const admin = t.as("admin");
  const tag = crypto.randomUUID().slice(0, 8);
  const { runner } = await admin.runner.create({ name: `Runner ${tag}`, description: "", source: "runner_settings" });
  const collection = await createCollection(handle.db, t.team.id, t.w1.id, { name: `Collection ${tag}` });
  const environment = await admin.environment.create({
    workspaceId: t.w1.id,
    name: `Environment ${tag}`,
    variables: [{ key: "token", value: `secret-${tag}`, secret: true }],
  });
  const monitor = await admin.monitor.create({
    workspaceId: t.w1.id,
    name: `Monitor ${tag}`,
    collectionId: collection.id,
    environmentId: environment.id,
    schedule: { kind: "interval", minutes: 60 },
    runners: { mode: "manual", runnerIds: [runner.id] },
  });
  const run = await createRun(handle.db, { id: monitor.id, teamId: t.team.id }, {
    runnerId: runner.id,
    executions: [{ requestName: `Request ${tag}`, responseTimeMs: 12, assertions: [{ name: `Test ${tag}`, passed: true }] }],
    consoleLines: [{ message: `Line ${tag}` }],
  });
  return {
    ...t,
    tag,
    runner,
    collection,
    environment,
    monitor,
    run,
    /** Every id and name of this team: none may appear in what another team's caller gets back. */
    markers: [
      t.team.id,
      t.team.slug,
      ...Object.values(t.members).map((m) => m.id),
      t.w1.id,
      t.w2.id,
      t.personal.id,
      runner.id,
      collection.id,
      environment.id,
      monitor.id,
      run.id,
      tag,
    ],
  };
}

/** Who calls: every team role, and a developer with each workspace role in the first team's W1. */
export type Actor = { label: string; userId: string };

/**
 * Two teams: `mine`, whose members of every role make the calls, and `theirs`, whose rows they aim
 * at. Roles come from the schema's enums, so a role added later is called as too.
 */
export async function createTenancyWorld(handle: TestDatabase) {
  const mine = await populateTeam(handle);
  const theirs = await populateTeam(handle);
  const actors: Actor[] = teamRole.enumValues.map((role: TeamRole) => ({ label: `team ${role}`, userId: mine.members[role].id }));
  for (const role of workspaceRole.enumValues as readonly WorkspaceRole[]) {
    const user = await createUser(handle.db);
    await addTeamMember(handle.db, mine.team.id, user.id, "developer");
    await addWorkspaceMember(handle.db, mine.w1.id, user.id, role);
    actors.push({ label: `developer with workspace ${role}`, userId: user.id });
  }
  const outsider = await createUser(handle.db);
  actors.push({ label: "signed in, in no team", userId: outsider.id });
  const callAs = (userId: string | null) => callerFor(handle.db, userId);
  return { mine, theirs, actors, callAs };
}
export type TenancyWorld = Awaited<ReturnType<typeof createTenancyWorld>>;
