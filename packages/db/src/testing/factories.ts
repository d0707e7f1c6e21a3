import { randomBytes } from "node:crypto";
import type { Executor } from "../client";
import {
  assertions,
  collections,
  consoleLines,
  environments,
  monitors,
  requestExecutions,
  runs,
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

export async function createMonitor(
  db: Executor,
  teamId: string,
  workspaceId: string,
  collectionId: string,
  overrides: Partial<typeof monitors.$inferInsert> = {},
) {
  const [monitor] = await db
    .insert(monitors)
    .values({
      teamId,
      workspaceId,
      collectionId,
      name: `Monitor ${unique()}`,
      schedule: { kind: "interval", minutes: 5 },
      options: { requestTimeoutMs: null, delayBetweenRequestsMs: 0, retriesOnFailure: 0, followRedirects: true, sslValidation: true },
      notifications: { recipients: [], stopAfterConsecutiveFailures: 3, webhookUrl: null },
      ...overrides,
    })
    .returning();
  return monitor!;
}

export type RunExecutionSpec = {
  requestName: string;
  method?: string;
  url?: string;
  statusCode?: number | null;
  responseTimeMs: number | null;
  responseSizeBytes?: number | null;
  error?: string | null;
  assertions?: Array<{ name: string; passed: boolean; errorMessage?: string | null }>;
};

/**
 * A run as a runner's result leaves it (finished unless told otherwise), with its request
 * executions, assertions and console lines, for tests of what the console shows.
 */
export async function createRun(
  db: Executor,
  monitor: { id: string; teamId: string },
  {
    executions = [],
    consoleLines: lines = [],
    ...overrides
  }: Partial<typeof runs.$inferInsert> & {
    executions?: RunExecutionSpec[];
    consoleLines?: Array<{ level?: (typeof consoleLines.$inferInsert)["level"]; message: string }>;
  } = {},
) {
  const scheduledFor = overrides.scheduledFor ?? new Date();
  const finished = (overrides.status ?? "finished") === "finished";
  const [run] = await db
    .insert(runs)
    .values({
      teamId: monitor.teamId,
      monitorId: monitor.id,
      type: "scheduled",
      status: "finished",
      outcome: finished ? "successful" : null,
      attempt: 1,
      scheduledFor,
      queuedAt: scheduledFor,
      startedAt: finished ? scheduledFor : null,
      finishedAt: finished ? new Date(scheduledFor.getTime() + 1_000) : null,
      requestCount: executions.length,
      durationMs: finished ? 1_000 : null,
      ...overrides,
    })
    .returning();
  for (const [position, spec] of executions.entries()) {
    const [execution] = await db
      .insert(requestExecutions)
      .values({
        runId: run!.id,
        position,
        requestName: spec.requestName,
        method: spec.method ?? "GET",
        url: spec.url ?? `http://127.0.0.1:9/${position}`,
        statusCode: spec.statusCode === undefined ? 200 : spec.statusCode,
        responseTimeMs: spec.responseTimeMs,
        responseSizeBytes: spec.responseSizeBytes === undefined ? 128 : spec.responseSizeBytes,
        error: spec.error ?? null,
      })
      .returning({ id: requestExecutions.id });
    const tests = spec.assertions ?? [];
    if (tests.length > 0) {
      await db.insert(assertions).values(
        tests.map((test, index) => ({
          runId: run!.id,
          executionId: execution!.id,
          position: index,
          name: test.name,
          passed: test.passed,
          errorMessage: test.errorMessage ?? null,
        })),
      );
    }
  }
  if (lines.length > 0) {
    await db.insert(consoleLines).values(
      lines.map((line, position) => ({
        runId: run!.id,
        position,
        level: line.level ?? "log",
        message: line.message,
        loggedAt: scheduledFor,
      })),
    );
  }
  return run!;
}
