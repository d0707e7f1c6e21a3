import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { PageHeader } from "@outpost/ui";
import { serverCaller } from "~/trpc/server";
import { editorContext } from "../../_components/editor-context";
import { MonitorForm } from "../../_components/monitor-form";

export const metadata: Metadata = { title: "Edit monitor" };

export default async function EditMonitorPage({ params }: { params: Promise<{ workspaceId: string; monitorId: string }> }) {
  const { workspaceId, monitorId } = await params;
  const context = await editorContext(workspaceId);
  if (!context.canEdit || !z.uuid().safeParse(monitorId).success) notFound();
  const monitor = await (await serverCaller()).monitor.get({ workspaceId, monitorId }).catch(() => null);
  if (!monitor) notFound();
  const initial = {
    name: monitor.name,
    collectionId: monitor.collectionId,
    environmentId: monitor.environmentId,
    schedule: monitor.schedule,
    timezone: monitor.timezone,
    runners:
      monitor.runnerMode === "manual"
        ? { mode: "manual" as const, runnerIds: monitor.runners.map((r) => r.id) }
        : { mode: "auto" as const },
    options: monitor.options,
    notifications: { ...monitor.notifications, webhookUrl: "" },
  };
  return (
    <div className="space-y-2">
      <PageHeader eyebrow={context.workspaceName} title={`Edit ${monitor.name}`} />
      <MonitorForm context={context} initial={initial} monitorId={monitor.id} />
    </div>
  );
}
