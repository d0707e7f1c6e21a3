import { eq } from "drizzle-orm";
import { collections, type Database } from "@outpost/db";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import { notFound, ServiceError } from "../errors";
import type { TeamScope } from "../scope";
import { CollectionName, ImportCollectionInput } from "./import";
import { parseCollectionText } from "./parse";
import { POSTMAN_V21_SCHEMA_URL } from "./schema";
import { collectionInWorkspace, selectCollections } from "./select";

export const CreateCollectionInput = z.object({ name: CollectionName });
/** The editor sends the whole document as text, so it passes exactly the checks an import does. */
export const SaveCollectionInput = z.object({ collectionId: z.uuid(), text: ImportCollectionInput.shape.text });

/** A new, empty collection, to fill in the request editor. */
export async function createCollection(db: Database, scope: TeamScope, workspace: { id: string }, input: z.output<typeof CreateCollectionInput>) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(collections)
      .values({
        teamId: scope.team.id,
        workspaceId: workspace.id,
        name: input.name,
        definition: { info: { name: input.name, schema: POSTMAN_V21_SCHEMA_URL }, item: [] },
        createdById: scope.actor.userId,
      })
      .returning({ id: collections.id });
    await recordAudit(tx, {
      teamId: scope.team.id,
      actor: { userId: scope.actor.userId },
      action: "collection.created",
      targetType: "collection",
      targetId: row!.id,
      details: { name: input.name, workspaceId: workspace.id },
    });
    return { id: row!.id, name: input.name };
  });
}

/** Saves what the request editor made: validated as an import is, so it stays a v2.1 file newman runs. */
export async function saveCollection(db: Database, scope: TeamScope, workspace: { id: string }, input: z.output<typeof SaveCollectionInput>) {
  const parsed = parseCollectionText(input.text);
  if (!parsed.ok) throw new ServiceError("BAD_REQUEST", parsed.message);
  const name = parsed.collection.info.name.trim();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(collections)
      .set({ name, definition: parsed.collection })
      .where(collectionInWorkspace(scope.team.id, workspace.id, eq(collections.id, input.collectionId)))
      .returning({ id: collections.id });
    if (!row) throw notFound("Collection");
    await recordAudit(tx, {
      teamId: scope.team.id,
      actor: { userId: scope.actor.userId },
      action: "collection.updated",
      targetType: "collection",
      targetId: row.id,
      details: { name },
    });
    const [summary] = await selectCollections(tx, scope.team.id, workspace.id, eq(collections.id, row.id));
    return summary!;
  });
}
