import type { Metadata } from "next";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { editorContext } from "./_components/editor-context";
import { MonitorsView } from "./monitors-view";

export const metadata: Metadata = { title: "Monitors" };

export default async function MonitorsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  // Resolving the workspace here turns "not yours" into a 404 before anything renders.
  const context = await editorContext(workspaceId);
  prefetch(trpc.monitor.list.queryOptions({ workspaceId }));
  return (
    <HydrateClient>
      <MonitorsView
        workspace={{ id: workspaceId, name: context.workspaceName, type: context.workspace.type }}
        canEdit={context.canEdit}
      />
    </HydrateClient>
  );
}
