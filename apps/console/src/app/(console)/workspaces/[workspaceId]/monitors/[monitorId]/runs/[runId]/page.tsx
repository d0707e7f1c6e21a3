import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { fetchOrNull, HydrateClient, trpc } from "~/trpc/server";
import { editorContext } from "../../../_components/editor-context";
import { RunView } from "./run-view";

export const metadata: Metadata = { title: "Run" };

export default async function RunPage({ params }: { params: Promise<{ workspaceId: string; monitorId: string; runId: string }> }) {
  const { workspaceId, monitorId, runId } = await params;
  const context = await editorContext(workspaceId);
  if (!z.uuid().safeParse(monitorId).success || !z.uuid().safeParse(runId).success) notFound();
  const [monitor, run] = await Promise.all([
    fetchOrNull(trpc.monitor.get.queryOptions({ workspaceId, monitorId })),
    fetchOrNull(trpc.results.run.queryOptions({ workspaceId, monitorId, runId })),
  ]);
  if (!monitor || !run) notFound();
  return (
    <HydrateClient>
      <RunView workspace={{ id: workspaceId, name: context.workspaceName }} monitorId={monitorId} runId={runId} />
    </HydrateClient>
  );
}
