import { asc, ilike } from "drizzle-orm";
import { environments, type Executor } from "@outpost/db";
import { z } from "zod";
import type { TeamScope } from "../scope";
import { selectEnvironments, selectVariableViews } from "./select";

export const ListEnvironmentsInput = z.object({ search: z.string().trim().max(100).optional() });

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The workspace's environments by name, each with its variables; secret values are never returned. */
export async function listEnvironments(
  db: Executor,
  scope: TeamScope,
  workspace: { id: string },
  input: z.output<typeof ListEnvironmentsInput> = {},
) {
  const rows = await selectEnvironments(
    db,
    scope.team.id,
    workspace.id,
    input.search ? ilike(environments.name, `%${escapeLike(input.search)}%`) : undefined,
  ).orderBy(asc(environments.name), asc(environments.id));
  const variables = await selectVariableViews(
    db,
    scope.team.id,
    workspace.id,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({ ...row, variables: variables.get(row.id) ?? [] }));
}
