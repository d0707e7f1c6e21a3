import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { environments, environmentVariables, type Executor } from "@outpost/db";

/** What the console shows of an environment. */
export function selectEnvironments(db: Executor, teamId: string, workspaceId: string, where?: SQL) {
  return db
    .select({
      id: environments.id,
      name: environments.name,
      createdAt: environments.createdAt,
      updatedAt: environments.updatedAt,
    })
    .from(environments)
    .where(and(eq(environments.teamId, teamId), eq(environments.workspaceId, workspaceId), where))
    .$dynamic();
}

export type EnvironmentVariableView =
  | { key: string; secret: false; value: string | null; hasValue: boolean }
  | { key: string; secret: true; value: null; hasValue: boolean };

/**
 * The variables of the given environments, grouped by environment and in order. A secret's value is
 * redacted in SQL: its envelope never leaves the database on this path, only whether one exists.
 */
export async function selectVariableViews(db: Executor, teamId: string, workspaceId: string, environmentIds: string[]) {
  const byEnvironment = new Map<string, EnvironmentVariableView[]>(environmentIds.map((id) => [id, []]));
  if (environmentIds.length === 0) return byEnvironment;
  const rows = await db
    .select({
      environmentId: environmentVariables.environmentId,
      key: environmentVariables.key,
      secret: environmentVariables.secret,
      value: sql<string | null>`case when ${environmentVariables.secret} then null else ${environmentVariables.value} end`,
      hasValue: sql<boolean>`case when ${environmentVariables.secret} then ${environmentVariables.encryptedValue} is not null else ${environmentVariables.value} is not null end`,
    })
    .from(environmentVariables)
    .innerJoin(environments, eq(environments.id, environmentVariables.environmentId))
    .where(
      and(
        inArray(environmentVariables.environmentId, environmentIds),
        eq(environments.teamId, teamId),
        eq(environments.workspaceId, workspaceId),
      ),
    )
    .orderBy(asc(environmentVariables.environmentId), asc(environmentVariables.position));
  for (const { environmentId, key, secret, value, hasValue } of rows) {
    const view: EnvironmentVariableView = secret
      ? { key, secret: true, value: null, hasValue }
      : { key, secret: false, value, hasValue };
    byEnvironment.get(environmentId)?.push(view);
  }
  return byEnvironment;
}
