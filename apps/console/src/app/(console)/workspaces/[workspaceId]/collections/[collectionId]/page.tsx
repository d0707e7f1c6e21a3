import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { fetchOrNull, HydrateClient, trpc } from "~/trpc/server";
import { editorContext } from "../../monitors/_components/editor-context";
import { CollectionEditor } from "./_editor/collection-editor";

export const metadata: Metadata = { title: "Collection" };

export default async function CollectionPage({ params }: { params: Promise<{ workspaceId: string; collectionId: string }> }) {
  const { workspaceId, collectionId } = await params;
  const context = await editorContext(workspaceId);
  if (!z.uuid().safeParse(collectionId).success) notFound();
  if (!(await fetchOrNull(trpc.collection.get.queryOptions({ workspaceId, collectionId })))) notFound();
  return (
    <HydrateClient>
      <CollectionEditor workspace={{ id: workspaceId, name: context.workspaceName }} collectionId={collectionId} canEdit={context.canEdit} />
    </HydrateClient>
  );
}
