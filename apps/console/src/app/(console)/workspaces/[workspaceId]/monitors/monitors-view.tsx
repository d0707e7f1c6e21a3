"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { buttonClasses, DataTable, EmptyState, PageHeader } from "@outpost/ui";
import { RelativeTime } from "~/app/(console)/_components/time";
import { useTRPC } from "~/trpc/react";
import { MonitorActions } from "./_components/monitor-actions";
import { describeSchedule, MonitorStatusDot } from "./_components/monitor-status";

export function MonitorsView({
  workspace,
  canEdit,
}: {
  workspace: { id: string; name: string; type: "internal" | "personal" | "public" };
  canEdit: boolean;
}) {
  const trpc = useTRPC();
  const { data: monitors } = useSuspenseQuery(trpc.monitor.list.queryOptions({ workspaceId: workspace.id }));
  const createLink = canEdit ? (
    <Link href={`/workspaces/${workspace.id}/monitors/new`} className={buttonClasses("primary")}>
      Create Monitor
    </Link>
  ) : null;

  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={workspace.name}
        title="Monitors"
        description="Monitors run a collection on a schedule and report the health and performance of your APIs."
        actions={monitors.length > 0 ? createLink : null}
      />
      {monitors.length === 0 ? (
        <EmptyState title="No monitors yet" action={createLink}>
          {workspace.type === "internal"
            ? "Monitors in this workspace can run on the hosted runner or on your own private runners."
            : "Monitors in this workspace run on the hosted runner. Private runners are only supported in internal workspaces."}
        </EmptyState>
      ) : (
        <DataTable
          columns={[
            { label: "Name" },
            { label: "Status" },
            { label: "Last run" },
            { label: "Next run" },
            { label: "Runners" },
            { label: "Actions", hidden: true },
          ]}
        >
              {monitors.map((monitor) => (
                <tr key={monitor.id} className="align-top">
                  <th scope="row" className="px-4 py-3 text-left font-medium">
                    <Link href={`/workspaces/${workspace.id}/monitors/${monitor.id}`} className="text-indigo-700 hover:underline">
                      {monitor.name}
                    </Link>
                    <p className="mt-0.5 font-normal text-slate-500">{describeSchedule(monitor.schedule, monitor.timezone)}</p>
                  </th>
                  <td className="px-4 py-3">
                    <MonitorStatusDot status={monitor.status} pausedReason={monitor.pausedReason} />
                  </td>
                  <td className="px-4 py-3 text-slate-700">
                    <RelativeTime value={monitor.lastRunAt} never="Not yet" />
                  </td>
                  <td className="px-4 py-3 text-slate-700">
                    {monitor.paused ? "Paused" : <RelativeTime value={monitor.nextRunAt} never="—" />}
                  </td>
                  <td className="px-4 py-3 text-slate-700">
                    {monitor.runnerMode === "auto" ? "Auto-select" : monitor.runners.map((r) => r.name).join(", ")}
                  </td>
                  <td className="px-4 py-3">
                    {canEdit ? <MonitorActions workspaceId={workspace.id} monitor={monitor} /> : null}
                  </td>
                </tr>
              ))}
        </DataTable>
      )}
    </div>
  );
}
