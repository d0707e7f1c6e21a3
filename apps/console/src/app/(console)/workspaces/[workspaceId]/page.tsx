import type { Metadata } from "next";
import { HydrateClient, prefetch, trpc } from "~/trpc/server";
import { DashboardView } from "./dashboard-view";
import { editorContext } from "./monitors/_components/editor-context";

export const metadata: Metadata = { title: "Dashboard" };

export default async function WorkspaceDashboardPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const context = await editorContext(workspaceId);
  prefetch(trpc.results.dashboard.queryOptions({ workspaceId }));
  return (
    <HydrateClient>
      <DashboardView workspace={{ id: workspaceId, name: context.workspaceName }} canEdit={context.canEdit} />
    </HydrateClient>
  );
}
