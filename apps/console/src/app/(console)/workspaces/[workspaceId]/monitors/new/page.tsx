import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@outpost/ui";
import { editorContext } from "../_components/editor-context";
import { MonitorForm } from "../_components/monitor-form";
import { defaultMonitorValues } from "../_components/monitor-values";

export const metadata: Metadata = { title: "Create Monitor" };

export default async function NewMonitorPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const context = await editorContext(workspaceId);
  return (
    <div className="space-y-2">
      <PageHeader eyebrow={context.workspaceName} title="Create Monitor" />
      {context.canEdit ? (
        <MonitorForm context={context} initial={defaultMonitorValues(context.minimumMinutes)} />
      ) : (
        <EmptyState title="You can view this workspace, but not edit it">Ask a workspace admin for the editor role.</EmptyState>
      )}
    </div>
  );
}
