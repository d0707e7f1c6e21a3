import type { Metadata } from "next";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { editorContext } from "../monitors/_components/editor-context";
import { CollectionsView } from "./collections-view";

export const metadata: Metadata = { title: "Collections" };

export default async function CollectionsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  // Resolving the workspace here turns "not yours" into a 404 before anything renders.
  const context = await editorContext(workspaceId);
  prefetch(trpc.collection.list.queryOptions({ workspaceId }));
  return (
    <HydrateClient>
      <CollectionsView workspace={{ id: workspaceId, name: context.workspaceName }} canEdit={context.canEdit} />
    </HydrateClient>
  );
}
