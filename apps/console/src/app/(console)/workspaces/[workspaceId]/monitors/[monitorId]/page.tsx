import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { fetchOrNull, HydrateClient, prefetch, trpc } from "~/trpc/server";
import { editorContext } from "../_components/editor-context";
import { MonitorView } from "./monitor-view";

export const metadata: Metadata = { title: "Monitor" };

export default async function MonitorPage({ params }: { params: Promise<{ workspaceId: string; monitorId: string }> }) {
  const { workspaceId, monitorId } = await params;
  const context = await editorContext(workspaceId);
  if (!z.uuid().safeParse(monitorId).success) notFound();
  if (!(await fetchOrNull(trpc.monitor.get.queryOptions({ workspaceId, monitorId })))) notFound();
  prefetch(trpc.monitor.activity.queryOptions({ workspaceId, monitorId }));
  return (
    <HydrateClient>
      <MonitorView workspace={{ id: workspaceId, name: context.workspaceName }} monitorId={monitorId} canEdit={context.canEdit} />
    </HydrateClient>
  );
}
