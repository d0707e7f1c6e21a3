import { eq } from "drizzle-orm";
import { collections, type Executor } from "@outpost/db";
import { z } from "zod";
import { notFound } from "../errors";
import type { TeamScope } from "../scope";
import { collectionInWorkspace } from "./select";

export const ExportCollectionInput = z.object({ collectionId: z.uuid() });

/** Characters Windows, macOS or Linux refuse in a file name, and control characters. */
const UNSAFE_FILE_NAME = /[<>:"/\\|?*\u0000-\u001f\u007f]+/g;

/** Postman's own export naming, so the file imports back into Postman and runs with newman as is. */
export function collectionFileName(name: string) {
  const base = name.replace(UNSAFE_FILE_NAME, "-").replace(/^[\s.-]+|[\s.-]+$/g, "").slice(0, 150);
  return `${base || "collection"}.postman_collection.json`;
}

/** The stored definition as a Postman Collection v2.1 file, tab-indented like Postman writes it. */
export async function exportCollection(
  db: Executor,
  scope: TeamScope,
  workspace: { id: string },
  input: z.output<typeof ExportCollectionInput>,
) {
  const [collection] = await db
    .select({ name: collections.name, definition: collections.definition })
    .from(collections)
    .where(collectionInWorkspace(scope.team.id, workspace.id, eq(collections.id, input.collectionId)));
  if (!collection) throw notFound("Collection");
  return { fileName: collectionFileName(collection.name), json: JSON.stringify(collection.definition, null, "\t") };
}
