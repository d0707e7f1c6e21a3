"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { EmptyState, PageHeader } from "@outpost/ui";
import { useTRPC } from "~/trpc/react";

export function MonitorsView({ workspaceId }: { workspaceId: string }) {
  const trpc = useTRPC();
  const { data: workspace } = useSuspenseQuery(trpc.workspace.get.queryOptions({ workspaceId }));

  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={workspace.name}
        title="Monitors"
        description="Monitors run a collection on a schedule and report the health and performance of your APIs."
      />
      <EmptyState
        title="No monitors yet"
        icon={
          <svg viewBox="0 0 24 24" className="h-10 w-10" fill="none" stroke="currentColor" strokeWidth="1.5">
            <path d="M3 12h4l3-8 4 16 3-8h4" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        }
      >
        {workspace.type === "internal"
          ? "Monitors in this workspace can run on the hosted runner or on your own private runners."
          : "Monitors in this workspace run on the hosted runner. Private runners are only supported in internal workspaces."}
      </EmptyState>
    </div>
  );
}
