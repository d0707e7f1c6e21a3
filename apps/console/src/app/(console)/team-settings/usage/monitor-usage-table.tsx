import type { RouterOutputs } from "@outpost/api";
import { DataTable, EmptyState } from "@outpost/ui";
import { formatCount } from "./usage-format";

type Usage = RouterOutputs["usage"]["current"];

function Share({ requests, used }: { requests: number; used: number }) {
  const percent = used === 0 ? 0 : Math.round((requests / used) * 100);
  return (
    <div className="flex items-center justify-end gap-2">
      <div className="h-1.5 w-20 overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
        <div className="h-full rounded-full bg-indigo-500" style={{ width: `${percent}%` }} />
      </div>
      <span className="w-10 text-right tabular-nums">{percent}%</span>
    </div>
  );
}

/** Each monitor's requests this period, largest first. */
export function MonitorUsageTable({ usage }: { usage: Usage }) {
  return (
    <section className="space-y-3">
      <h3 className="text-base font-semibold">Requests by monitor</h3>
      {usage.monitors.length === 0 && usage.deletedMonitorsRequests === 0 ? (
        <EmptyState title="No monitors yet">Monitors your team creates in any workspace are listed here with their requests.</EmptyState>
      ) : (
        <DataTable
          columns={[
            { label: "Monitor" },
            { label: "Workspace" },
            { label: "Runs", align: "right" },
            { label: "Requests", align: "right" },
            { label: "Share of usage", align: "right" },
          ]}
        >
          {usage.monitors.map((monitor) => (
            <tr key={monitor.id} className="align-top">
              <th scope="row" className="px-4 py-3 text-left font-medium text-slate-900">
                {monitor.name}
                {monitor.paused ? (
                  <p className="mt-0.5 text-xs font-normal text-amber-800">
                    {/* The banner above already gives the quota's reason in full. */}
                    {!monitor.pausedReason ? "Paused" : usage.pausedReason ? "Paused: quota used up" : `Paused: ${monitor.pausedReason}`}
                  </p>
                ) : null}
              </th>
              <td className="px-4 py-3 text-slate-700">{monitor.workspaceName}</td>
              <td className="px-4 py-3 text-right tabular-nums text-slate-700">{formatCount(monitor.runs)}</td>
              <td className="px-4 py-3 text-right font-medium tabular-nums text-slate-900">{formatCount(monitor.requests)}</td>
              <td className="px-4 py-3 text-slate-700">
                <Share requests={monitor.requests} used={usage.used} />
              </td>
            </tr>
          ))}
          {usage.deletedMonitorsRequests > 0 ? (
            <tr>
              <th scope="row" className="px-4 py-3 text-left font-normal italic text-slate-600">
                Deleted monitors
              </th>
              <td className="px-4 py-3 text-slate-500">—</td>
              <td className="px-4 py-3 text-right text-slate-500">—</td>
              <td className="px-4 py-3 text-right font-medium tabular-nums text-slate-900">
                {formatCount(usage.deletedMonitorsRequests)}
              </td>
              <td className="px-4 py-3 text-slate-700">
                <Share requests={usage.deletedMonitorsRequests} used={usage.used} />
              </td>
            </tr>
          ) : null}
        </DataTable>
      )}
    </section>
  );
}
