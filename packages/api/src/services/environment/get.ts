import { eq } from "drizzle-orm";
import { environments, type Executor } from "@outpost/db";
import { z } from "zod";
import { notFound } from "../errors";
import type { TeamScope } from "../scope";
import { selectEnvironments, selectVariableViews } from "./select";

export const GetEnvironmentInput = z.object({ environmentId: z.uuid() });

/** One environment of the workspace with its variables; secret values are never returned. */
export async function getEnvironment(
  db: Executor,
  scope: TeamScope,
  workspace: { id: string },
  input: z.output<typeof GetEnvironmentInput>,
) {
  const [environment] = await selectEnvironments(db, scope.team.id, workspace.id, eq(environments.id, input.environmentId));
  if (!environment) throw notFound("Environment");
  const variables = await selectVariableViews(db, scope.team.id, workspace.id, [environment.id]);
  return { ...environment, variables: variables.get(environment.id) ?? [] };
}
