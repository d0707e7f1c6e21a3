"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Card, PageHeader } from "@outpost/ui";
import { DateTime } from "~/app/(console)/_components/time";
import { useTRPC } from "~/trpc/react";
import { MonitorActions } from "../_components/monitor-actions";
import { describeSchedule } from "../_components/monitor-status";
import { LIVE_INTERVAL_MS } from "./_results/live";
import { ResultsSection } from "./_results/results-section";

const ACTIVITY: Record<string, string> = {
  "monitor.created": "created the monitor",
  "monitor.updated": "edited",
  "monitor.paused": "paused the monitor",
  "monitor.resumed": "resumed the monitor",
  "monitor.run_requested": "started a manual run",
  "monitor.deleted": "deleted the monitor",
};

function describeActivity(action: string, details: Record<string, unknown>) {
  const base = ACTIVITY[action] ?? action;
  const changed = Array.isArray(details.changed) ? (details.changed as string[]) : [];
  return changed.length > 0 ? `${base} ${changed.join(", ")}` : base;
}

export function MonitorView({
  workspace,
  monitorId,
  canEdit,
}: {
  workspace: { id: string; name: string };
  monitorId: string;
  canEdit: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const at = { workspaceId: workspace.id, monitorId };
  // Status, last run and next run change as runs arrive.
  const { data: monitor } = useSuspenseQuery({ ...trpc.monitor.get.queryOptions(at), refetchInterval: LIVE_INTERVAL_MS });
  const { data: activity } = useSuspenseQuery(trpc.monitor.activity.queryOptions(at));

  const details: Array<[string, React.ReactNode]> = [
    ["Monitor ID", <code key="i" className="font-mono text-xs">{monitor.id}</code>],
    ["Created by", monitor.createdByName ?? "—"],
    ["Created", <DateTime key="c" value={monitor.createdAt} />],
    ["Collection", monitor.collectionName],
    ["Environment", monitor.environmentName ?? "No environment"],
    ["Runners", monitor.runnerMode === "auto" ? "Auto-select (hosted runner)" : monitor.runners.map((r) => r.name).join(", ")],
    ["Schedule", describeSchedule(monitor.schedule, monitor.timezone)],
  ];

  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={
          <Link href={`/workspaces/${workspace.id}/monitors`} className="hover:underline">
            {workspace.name} / Monitors
          </Link>
        }
        title={monitor.name}
        actions={
          canEdit ? (
            <MonitorActions
              workspaceId={workspace.id}
              monitor={monitor}
              onDeleted={() => router.push(`/workspaces/${workspace.id}/monitors`)}
            />
          ) : null
        }
      />
      {monitor.pausedReason ? <p className="text-sm text-amber-800">Paused: {monitor.pausedReason}</p> : null}

      <ResultsSection workspaceId={workspace.id} monitor={monitor} />

      <div className="grid items-start gap-6 xl:grid-cols-2">
        <Card>
          <h2 className="border-b border-slate-200 px-5 py-3 text-base font-semibold">Monitor details</h2>
          <dl className="divide-y divide-slate-100">
            {details.map(([term, value]) => (
              <div key={term} className="flex gap-4 px-5 py-2.5 text-sm">
                <dt className="w-32 shrink-0 font-medium text-slate-600">{term}</dt>
                <dd className="min-w-0 break-words text-slate-900">{value}</dd>
              </div>
            ))}
          </dl>
        </Card>

        <Card>
          <h2 id="activity-heading" className="border-b border-slate-200 px-5 py-3 text-base font-semibold">
            Activity
          </h2>
          <ol aria-labelledby="activity-heading" className="max-h-96 divide-y divide-slate-100 overflow-y-auto">
            {activity.map((event) => (
              <li key={event.id} className="flex justify-between gap-4 px-5 py-2.5 text-sm">
                <span>
                  <span className="font-medium">{event.actorName ?? event.actorLabel}</span>{" "}
                  {describeActivity(event.action, event.details)}
                </span>
                <span className="shrink-0 text-slate-500">
                  <DateTime value={event.createdAt} />
                </span>
              </li>
            ))}
          </ol>
        </Card>
      </div>
    </div>
  );
}
