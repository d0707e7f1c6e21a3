import { and, asc, eq } from "drizzle-orm";
import { collections, monitors, type Database } from "@outpost/db";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import { notFound, ServiceError } from "../errors";
import type { TeamScope } from "../scope";
import { collectionInWorkspace } from "./select";

export const DeleteCollectionInput = z.object({ collectionId: z.uuid() });

/**
 * Deletes a collection no monitor runs. One that monitors still run is refused, naming them, so a
 * monitor never loses what it runs (the foreign key would refuse too, but without saying why).
 */
export async function deleteCollection(
  db: Database,
  scope: TeamScope,
  workspace: { id: string },
  input: z.output<typeof DeleteCollectionInput>,
) {
  await db.transaction(async (tx) => {
    const where = collectionInWorkspace(scope.team.id, workspace.id, eq(collections.id, input.collectionId));
    const [collection] = await tx
      .select({ id: collections.id, name: collections.name })
      .from(collections)
      .where(where)
      .for("update");
    if (!collection) throw notFound("Collection");

    const usedBy = await tx
      .select({ name: monitors.name })
      .from(monitors)
      .where(and(eq(monitors.collectionId, collection.id), eq(monitors.teamId, scope.team.id)))
      .orderBy(asc(monitors.name));
    if (usedBy.length > 0) {
      const one = usedBy.length === 1;
      const names = usedBy.map((m) => `"${m.name}"`).join(", ");
      const who = one ? `the monitor ${names}` : `${usedBy.length} monitors: ${names}`;
      const fix = one ? "Delete that monitor or point it" : "Delete those monitors or point them";
      throw new ServiceError(
        "CONFLICT",
        `"${collection.name}" is used by ${who}. ${fix} at another collection first.`,
      );
    }
    await tx.delete(collections).where(where);
    await recordAudit(tx, {
      teamId: scope.team.id,
      actor: { userId: scope.actor.userId },
      action: "collection.deleted",
      targetType: "collection",
      targetId: collection.id,
      details: { name: collection.name, workspaceId: workspace.id },
    });
  });
}
