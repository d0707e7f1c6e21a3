import { and, eq, sql, type SQL } from "drizzle-orm";
import { collections, type Executor } from "@outpost/db";

/**
 * Requests in a stored definition, counted in SQL so a list never loads the documents. Folders are
 * items with an `item` list; every other item is a request — the rule `measureItems` applies on import.
 */
const requestCountSql = sql<number>`(
  with recursive tree(node) as (
    select value from jsonb_array_elements(case
      when jsonb_typeof(${collections.definition} -> 'item') = 'array' then ${collections.definition} -> 'item'
      else '[]'::jsonb end)
    union all
    select child.value from tree, jsonb_array_elements(case
      when jsonb_typeof(tree.node -> 'item') = 'array' then tree.node -> 'item'
      else '[]'::jsonb end) as child
  )
  select count(*) from tree
  where jsonb_typeof(node) = 'object' and jsonb_typeof(node -> 'item') is distinct from 'array'
)::int`;

/** A collection is only ever reached through the actor's team and the workspace they act in. */
export const collectionInWorkspace = (teamId: string, workspaceId: string, where?: SQL) =>
  and(eq(collections.teamId, teamId), eq(collections.workspaceId, workspaceId), where);

/** What the console lists of a collection. */
export const collectionSummary = {
  id: collections.id,
  name: collections.name,
  requestCount: requestCountSql,
  createdAt: collections.createdAt,
  updatedAt: collections.updatedAt,
};

export function selectCollections(db: Executor, teamId: string, workspaceId: string, where?: SQL) {
  return db
    .select(collectionSummary)
    .from(collections)
    .where(collectionInWorkspace(teamId, workspaceId, where))
    .$dynamic();
}

export type CollectionSummary = Awaited<ReturnType<typeof selectCollections>>[number];
