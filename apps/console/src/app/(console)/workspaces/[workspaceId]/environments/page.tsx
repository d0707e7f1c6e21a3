import type { Metadata } from "next";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { editorContext } from "../monitors/_components/editor-context";
import { EnvironmentsView } from "./environments-view";

export const metadata: Metadata = { title: "Environments" };

export default async function EnvironmentsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  // Resolving the workspace here turns "not yours" into a 404 before anything renders.
  const context = await editorContext(workspaceId);
  prefetch(trpc.environment.list.queryOptions({ workspaceId }));
  return (
    <HydrateClient>
      <EnvironmentsView workspace={{ id: workspaceId, name: context.workspaceName }} canEdit={context.canEdit} />
    </HydrateClient>
  );
}
