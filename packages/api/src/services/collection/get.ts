import { eq } from "drizzle-orm";
import { collections, type Executor } from "@outpost/db";
import { z } from "zod";
import { notFound } from "../errors";
import type { TeamScope } from "../scope";
import { collectionInWorkspace, collectionSummary } from "./select";

export const GetCollectionInput = z.object({ collectionId: z.uuid() });

/** One collection of the workspace with its stored Postman definition. */
export async function getCollection(
  db: Executor,
  scope: TeamScope,
  workspace: { id: string },
  input: z.output<typeof GetCollectionInput>,
) {
  const [collection] = await db
    .select({ ...collectionSummary, definition: collections.definition })
    .from(collections)
    .where(collectionInWorkspace(scope.team.id, workspace.id, eq(collections.id, input.collectionId)));
  if (!collection) throw notFound("Collection");
  return collection;
}
