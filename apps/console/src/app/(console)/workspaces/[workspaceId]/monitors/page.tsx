import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { HydrateClient, prefetch, serverCaller, trpc } from "~/trpc/server";
import { MonitorsView } from "./monitors-view";

export const metadata: Metadata = { title: "Monitors" };

export default async function MonitorsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  if (!z.uuid().safeParse(workspaceId).success) notFound();
  // Resolving the workspace here turns "not yours" into a 404 before anything renders.
  const workspace = await (await serverCaller()).workspace.get({ workspaceId }).catch(() => null);
  if (!workspace) notFound();
  prefetch(trpc.workspace.get.queryOptions({ workspaceId }));

  return (
    <HydrateClient>
      <MonitorsView workspaceId={workspaceId} />
    </HydrateClient>
  );
}
