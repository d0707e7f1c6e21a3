import { eq } from "drizzle-orm";
import { collections, type Database } from "@outpost/db";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import { ServiceError } from "../errors";
import type { TeamScope } from "../scope";
import { MAX_COLLECTION_BYTES, parseCollectionText } from "./parse";
import { selectCollections } from "./select";

/**
 * Every UTF-16 unit takes at least one UTF-8 byte, so text over this many characters is certainly
 * over the 5 MB limit: the transport refuses it cheaply, and the parser measures bytes exactly.
 */
const MAX_IMPORT_CHARS = 6 * 1024 * 1024;

export const CollectionName = z
  .string()
  .trim()
  .min(1, "Give the collection a name.")
  .max(200, "The name can be at most 200 characters.")
  .refine((name) => !name.includes("\u0000"), "The name cannot contain a NUL character.");

export const ImportCollectionInput = z.object({
  text: z.string().max(MAX_IMPORT_CHARS, `The collection is larger than ${MAX_COLLECTION_BYTES / 1024 / 1024} MB.`),
  /** Overrides `info.name`, in the stored document too, so runs report the name the user chose. */
  name: CollectionName.optional(),
});
export type ImportCollectionInput = z.input<typeof ImportCollectionInput>;

/** Stores a Postman Collection v2.1 file in the workspace; a file that does not parse stores nothing. */
export async function importCollection(
  db: Database,
  scope: TeamScope,
  workspace: { id: string },
  input: z.output<typeof ImportCollectionInput>,
) {
  const parsed = parseCollectionText(input.text);
  if (!parsed.ok) throw new ServiceError("BAD_REQUEST", parsed.message);
  const name = input.name ?? parsed.collection.info.name.trim();
  const { collection } = parsed;
  const definition = input.name ? { ...collection, info: { ...collection.info, name } } : collection;

  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(collections)
      .values({ teamId: scope.team.id, workspaceId: workspace.id, name, definition, createdById: scope.actor.userId })
      .returning({ id: collections.id });
    const [summary] = await selectCollections(tx, scope.team.id, workspace.id, eq(collections.id, row!.id));
    await recordAudit(tx, {
      teamId: scope.team.id,
      actor: { userId: scope.actor.userId },
      action: "collection.imported",
      targetType: "collection",
      targetId: row!.id,
      details: { name, workspaceId: workspace.id, requestCount: summary!.requestCount },
    });
    return summary!;
  });
}
