"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Card, DataTable, EmptyState } from "@outpost/ui";
import { RunnerHealthDot } from "~/app/(console)/_components/runners/health";
import { DateTime, RelativeTime } from "~/app/(console)/_components/time";
import { useTRPC } from "~/trpc/react";
import { RunnerActions } from "../runner-actions";

export function RunnerDetail({
  runnerId,
  internalWorkspaces,
}: {
  runnerId: string;
  internalWorkspaces: Array<{ id: string; name: string }>;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  // Health and instances change as runners poll: keep the page current without a reload.
  const { data: runner } = useSuspenseQuery({ ...trpc.runner.get.queryOptions({ runnerId }), refetchInterval: 15_000 });

  const facts: Array<[string, React.ReactNode]> = [
    ["Health", <RunnerHealthDot key="h" health={runner.health} />],
    ["Last ping", <RelativeTime key="p" value={runner.lastSeenAt} />],
    [
      "Workspace visibility",
      runner.visibility === "all_internal_workspaces" ? "All internal workspaces in team" : (runner.workspaceName ?? "Selected workspace"),
    ],
    ["Runner ID", <code key="i" className="font-mono text-xs">{runner.id}</code>],
    ["Key", <span key="k" className="font-mono text-xs">opk_…{runner.keyLast4}</span>],
    [
      "Queued runs",
      runner.queue.depth === 0 ? (
        "None"
      ) : (
        <span key="q">
          {runner.queue.depth}, oldest queued <RelativeTime value={runner.queue.oldestQueuedAt} />
        </span>
      ),
    ],
    ["Created by", runner.createdByName ?? "—"],
    ["Created", <DateTime key="c" value={runner.createdAt} />],
    ["Modified", <DateTime key="m" value={runner.updatedAt} />],
  ];

  return (
    <div className="space-y-6">
      <div className="flex items-start justify-between gap-4">
        <div>
          <Link href="/team-settings/runners" className="text-sm text-indigo-700 hover:underline">
            ← Runners
          </Link>
          <h2 className="mt-1 text-lg font-semibold">{runner.name}</h2>
          {runner.description ? <p className="mt-1 text-sm text-slate-600">{runner.description}</p> : null}
        </div>
        <RunnerActions
          runner={runner}
          internalWorkspaces={internalWorkspaces}
          onDeleted={() => router.push("/team-settings/runners")}
        />
      </div>

      <Card>
        <dl className="grid grid-cols-1 divide-y divide-slate-100 sm:grid-cols-2 sm:divide-y-0">
          {facts.map(([term, value]) => (
            <div key={term} className="flex gap-4 px-5 py-3 text-sm sm:border-b sm:border-slate-100">
              <dt className="w-40 shrink-0 font-medium text-slate-600">{term}</dt>
              <dd className="min-w-0 text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
      </Card>

      <section aria-labelledby="instances-heading" className="space-y-3">
        <h3 id="instances-heading" className="text-base font-semibold">
          Instances
        </h3>
        {runner.instances.length === 0 ? (
          <EmptyState title="No instances have connected yet">
            Each process started with this runner&apos;s ID and key is an instance. Start the runner with the command
            under Install; it appears here once it connects.
          </EmptyState>
        ) : (
          <DataTable
            columns={[
              { label: "Hostname" },
              { label: "OS" },
              { label: "Runner version" },
              { label: "Last ping" },
              { label: "First seen" },
            ]}
          >
                {runner.instances.map((instance) => (
                  <tr key={instance.id}>
                    <th scope="row" className="px-4 py-3 text-left font-medium">{instance.hostname}</th>
                    <td className="px-4 py-3">{instance.os}</td>
                    <td className="px-4 py-3">{instance.runnerVersion}</td>
                    <td className="px-4 py-3"><RelativeTime value={instance.lastPingAt} /></td>
                    <td className="px-4 py-3"><DateTime value={instance.firstSeenAt} /></td>
                  </tr>
                ))}
          </DataTable>
        )}
      </section>
    </div>
  );
}
