import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { HydrateClient, prefetch, serverCaller, trpc } from "~/trpc/server";
import { WorkspaceSettingsView } from "./workspace-settings-view";

export const metadata: Metadata = { title: "Workspace settings" };

export default async function WorkspaceSettingsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  if (!z.uuid().safeParse(workspaceId).success) notFound();
  const workspace = await (await serverCaller()).workspace.get({ workspaceId }).catch(() => null);
  if (!workspace) notFound();
  prefetch(trpc.workspace.members.queryOptions({ workspaceId }));
  if (workspace.role === "admin") prefetch(trpc.team.members.queryOptions());
  return (
    <HydrateClient>
      <WorkspaceSettingsView workspace={workspace} />
    </HydrateClient>
  );
}
