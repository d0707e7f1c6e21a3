import { randomBytes } from "node:crypto";
import type { Executor } from "../client";
import {
  collections,
  environments,
  teamMembers,
  teams,
  users,
  workspaceMembers,
  workspaces,
  type TeamPlan,
  type TeamRole,
  type WorkspaceRole,
  type WorkspaceType,
} from "../schema";

// Factories mint unique rows so tests never collide, whatever runs beside them.
const unique = () => randomBytes(5).toString("hex");

export async function createUser(db: Executor, overrides: Partial<typeof users.$inferInsert> = {}) {
  const suffix = unique();
  const [user] = await db
    .insert(users)
    .values({ email: `user-${suffix}@example.test`, name: `User ${suffix}`, ...overrides })
    .returning();
  return user!;
}

export async function createTeam(
  db: Executor,
  overrides: Partial<typeof teams.$inferInsert> & { plan?: TeamPlan } = {},
) {
  const suffix = unique();
  const [team] = await db
    .insert(teams)
    .values({ slug: `team-${suffix}`, name: `Team ${suffix}`, ...overrides })
    .returning();
  return team!;
}

export async function addTeamMember(db: Executor, teamId: string, userId: string, role: TeamRole) {
  await db.insert(teamMembers).values({ teamId, userId, role });
}

export async function createWorkspace(
  db: Executor,
  teamId: string,
  overrides: Partial<typeof workspaces.$inferInsert> & { type?: WorkspaceType } = {},
) {
  const [workspace] = await db
    .insert(workspaces)
    .values({ teamId, name: `Workspace ${unique()}`, type: "internal", ...overrides })
    .returning();
  return workspace!;
}

export async function addWorkspaceMember(
  db: Executor,
  workspaceId: string,
  userId: string,
  role: WorkspaceRole,
) {
  await db.insert(workspaceMembers).values({ workspaceId, userId, role });
}

/** A team with one member of the given role and one internal workspace that member edits. */
export async function createTeamWithMember(db: Executor, role: TeamRole = "admin", plan: TeamPlan = "enterprise") {
  const team = await createTeam(db, { plan, privateMonitoringEnabled: plan === "enterprise" });
  const user = await createUser(db);
  await addTeamMember(db, team.id, user.id, role);
  const workspace = await createWorkspace(db, team.id);
  await addWorkspaceMember(db, workspace.id, user.id, role === "admin" || role === "super_admin" ? "admin" : "editor");
  return { team, user, workspace };
}

/** A minimal valid Postman Collection v2.1 with one GET request. */
export function sampleCollectionDefinition(name = "Health checks", url = "http://127.0.0.1:9/health") {
  return {
    info: {
      name,
      schema: "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
    },
    item: [
      {
        name: "Health",
        request: { method: "GET", url },
        event: [
          {
            listen: "test",
            script: { type: "text/javascript", exec: ['pm.test("Status code is 200", () => pm.response.to.have.status(200));'] },
          },
        ],
      },
    ],
  };
}

export async function createCollection(
  db: Executor,
  teamId: string,
  workspaceId: string,
  overrides: Partial<typeof collections.$inferInsert> = {},
) {
  const name = overrides.name ?? `Collection ${unique()}`;
  const [collection] = await db
    .insert(collections)
    .values({ teamId, workspaceId, name, definition: sampleCollectionDefinition(name), ...overrides })
    .returning();
  return collection!;
}

export async function createEnvironment(
  db: Executor,
  teamId: string,
  workspaceId: string,
  overrides: Partial<typeof environments.$inferInsert> = {},
) {
  const [environment] = await db
    .insert(environments)
    .values({ teamId, workspaceId, name: `Environment ${unique()}`, ...overrides })
    .returning();
  return environment!;
}
