"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { buttonClasses, Card, DataTable, EmptyState, PageHeader, Sparkline, Stat } from "@outpost/ui";
import { RelativeTime } from "~/app/(console)/_components/time";
import { useTRPC } from "~/trpc/react";
import { describeSchedule, MonitorStatusDot } from "./monitors/_components/monitor-status";
import { formatMs, formatPercent, plural } from "./monitors/[monitorId]/_results/format";
import { LIVE_INTERVAL_MS } from "./monitors/[monitorId]/_results/live";
import { isFailed, OUTCOMES } from "./monitors/[monitorId]/_results/outcome";

/** A workspace at a glance: every monitor's health, success rate and recent response times. */
export function DashboardView({ workspace, canEdit }: { workspace: { id: string; name: string }; canEdit: boolean }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery({ ...trpc.results.dashboard.queryOptions({ workspaceId: workspace.id }), refetchInterval: LIVE_INTERVAL_MS });
  const { monitors, totals } = data;
  const monitorHref = (id: string) => `/workspaces/${workspace.id}/monitors/${id}`;
  const createLink = canEdit ? (
    <Link href={`/workspaces/${workspace.id}/monitors/new`} className={buttonClasses("primary")}>
      Create Monitor
    </Link>
  ) : null;

  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={workspace.name}
        title="Dashboard"
        description="The health and performance of this workspace's monitors. Updates by itself as runs arrive."
        actions={
          <>
            <Link href={`/workspaces/${workspace.id}/monitors`} className={buttonClasses("secondary")}>
              All monitors
            </Link>
            {monitors.length > 0 ? createLink : null}
          </>
        }
      />

      {monitors.length === 0 ? (
        <EmptyState title="No monitors yet" action={createLink}>
          A monitor runs a collection on a schedule. Its health, success rate and response times show up here.
        </EmptyState>
      ) : (
        <>
          <Card>
            <dl className="grid grid-cols-2 gap-x-6 gap-y-5 px-5 py-5 md:grid-cols-3 xl:grid-cols-6">
              <Stat label="Monitors" value={totals.monitors} />
              <Stat label="Healthy" value={totals.healthy} detail="Last run Successful" />
              <Stat label="Failing" value={<span className={totals.failing > 0 ? "text-red-700" : undefined}>{totals.failing}</span>} detail="Last run failed" />
              <Stat label="Paused" value={totals.paused} />
              <Stat label="Success rate" value={formatPercent(totals.successRate)} detail="All monitors, last 7 days" />
              <Stat label="Runs" value={totals.runs.toLocaleString("en-US")} detail="Last 7 days" />
            </dl>
          </Card>

          <DataTable
            columns={[
              { label: "Monitor" },
              { label: "Status" },
              { label: "Success rate (7 days)", align: "right" },
              { label: "Avg. response time", align: "right" },
              { label: "Last 30 runs" },
              { label: "Last run" },
            ]}
          >
            {monitors.map((monitor) => {
              const failures = monitor.sparkline.filter((point) => isFailed(point.outcome)).length;
              const trend =
                monitor.sparkline.length === 0
                  ? "No runs yet"
                  : `Response times of the last ${plural(monitor.sparkline.length, "run")}, average ${formatMs(monitor.responseTimeMs)}${failures > 0 ? `, ${failures} failed` : ""}`;
              return (
                <tr key={monitor.id} className="hover:bg-slate-50">
                  <th scope="row" className="px-4 py-3 text-left font-medium">
                    <Link href={monitorHref(monitor.id)} className="text-indigo-700 hover:underline">
                      {monitor.name}
                    </Link>
                    <p className="mt-0.5 font-normal text-slate-500">
                      {describeSchedule(monitor.schedule, monitor.timezone)} · {monitor.runnerMode === "auto" ? "Hosted runner" : monitor.runners.map((r) => r.name).join(", ")}
                    </p>
                  </th>
                  <td className="whitespace-nowrap px-4 py-3">
                    <MonitorStatusDot status={monitor.status} />
                  </td>
                  <td className="whitespace-nowrap px-4 py-3 text-right tabular-nums">
                    <span className="font-medium text-slate-900">{formatPercent(monitor.successRate)}</span>
                    <p className="text-xs text-slate-500">{monitor.runs > 0 ? plural(monitor.runs, "run") : "No runs"}</p>
                  </td>
                  <td className="whitespace-nowrap px-4 py-3 text-right font-medium tabular-nums text-slate-900">{formatMs(monitor.responseTimeMs)}</td>
                  <td className="px-4 py-3">
                    {monitor.sparkline.length === 0 ? (
                      <span className="text-sm text-slate-400">No runs yet</span>
                    ) : (
                      <Sparkline
                        label={trend}
                        points={monitor.sparkline.map((point) => ({ value: point.responseTimeMs, flagged: isFailed(point.outcome) }))}
                      />
                    )}
                  </td>
                  <td className="whitespace-nowrap px-4 py-3 text-slate-700">
                    <RelativeTime value={monitor.lastRunAt} never="Not yet" />
                    {monitor.lastOutcome ? <p className="text-xs text-slate-500">{OUTCOMES[monitor.lastOutcome].label}</p> : null}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        </>
      )}
    </div>
  );
}
