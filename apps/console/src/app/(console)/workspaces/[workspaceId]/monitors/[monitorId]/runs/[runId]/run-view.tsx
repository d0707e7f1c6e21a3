"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Alert, Card, PageHeader, Stat, Tabs } from "@outpost/ui";
import { DateTime } from "~/app/(console)/_components/time";
import { useTRPC } from "~/trpc/react";
import { formatMs, plural } from "../../_results/format";
import { BUSY_INTERVAL_MS } from "../../_results/live";
import { RunOutcomeDot } from "../../_results/outcome";
import { RUN_TYPES } from "../../_results/results-params";
import { ConsoleLog } from "./console-log";
import { TestResults } from "./test-results";

type TabId = "tests" | "console";

/** One run: what it found (Test Results) and how it went (Console Log); refreshes until it has a result. */
export function RunView({ workspace, monitorId, runId }: { workspace: { id: string; name: string }; monitorId: string; runId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const { data: monitor } = useSuspenseQuery(trpc.monitor.get.queryOptions({ workspaceId: workspace.id, monitorId }));
  const { data: run } = useSuspenseQuery({
    ...trpc.results.run.queryOptions({ workspaceId: workspace.id, monitorId, runId }),
    // A finished run never changes again.
    refetchInterval: (query) => (query.state.data?.status === "finished" ? false : BUSY_INTERVAL_MS),
  });
  const tab: TabId = searchParams.get("tab") === "console" ? "console" : "tests";
  const monitorHref = `/workspaces/${workspace.id}/monitors/${monitorId}`;
  const responseTimes = run.requests.map((r) => r.responseTimeMs).filter((ms): ms is number => ms !== null);
  const average = responseTimes.length > 0 ? responseTimes.reduce((sum, ms) => sum + ms, 0) / responseTimes.length : null;
  const ranBy =
    run.type === "manual" && run.triggeredByName ? `Manual, by ${run.triggeredByName}` : RUN_TYPES[run.type];

  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={
          <nav aria-label="Breadcrumb" className="flex flex-wrap gap-1">
            <Link href={`/workspaces/${workspace.id}/monitors`} className="hover:underline">
              {workspace.name} / Monitors
            </Link>
            <span aria-hidden="true">/</span>
            <Link href={monitorHref} className="hover:underline">
              {monitor.name}
            </Link>
          </nav>
        }
        title={
          <>
            Run of <DateTime value={run.scheduledFor} />
          </>
        }
        description={
          <>
            {ranBy} on <strong className="font-medium text-slate-900">{run.runner.name}</strong>
            {run.instance ? (
              <>
                {" "}
                · instance <span className="font-mono text-xs">{run.instance.hostname}</span> ({run.instance.os}, runner {run.instance.runnerVersion})
              </>
            ) : null}
            {run.attempt > 1 ? ` · attempt ${run.attempt}` : null}
          </>
        }
        actions={
          <Link href={monitorHref} className="text-sm font-medium text-indigo-700 hover:underline">
            ← Back to results
          </Link>
        }
      />

      <Card>
        <dl className="grid grid-cols-2 gap-x-6 gap-y-5 px-5 py-5 md:grid-cols-3 xl:grid-cols-6">
          <div className="min-w-0">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Result</dt>
            <dd className="mt-2.5 [&_span]:text-base [&_span]:font-semibold [&_span]:text-slate-900">
              <RunOutcomeDot run={run} />
            </dd>
          </div>
          <Stat
            label="Tests"
            value={run.tests.passed + run.tests.failed === 0 ? "—" : `${run.tests.passed} / ${run.tests.passed + run.tests.failed}`}
            detail={run.tests.failed > 0 ? `${run.tests.failed} failed` : run.tests.passed > 0 ? "All passed" : "No tests"}
          />
          <Stat label="Avg. response time" value={formatMs(average)} detail={responseTimes.length > 0 ? `Over ${plural(responseTimes.length, "request")}` : "No timings"} />
          <Stat label="Requests sent" value={run.status === "finished" ? run.requestCount.toLocaleString("en-US") : "—"} detail="Retries included" />
          <Stat
            label="Duration"
            value={formatMs(run.durationMs)}
            detail={!run.startedAt ? (run.status === "finished" ? "Never started" : "Not started yet") : run.attempt > 1 ? `On attempt ${run.attempt}` : `After ${formatMs(queueWait(run))} in the queue`}
          />
          <Stat label="Runner" size="md" value={run.runner.name} detail={run.instance ? run.instance.hostname : run.status === "queued" ? "Waiting to be picked up" : undefined} />
        </dl>
        {run.errorMessage ? (
          <div className="border-t border-slate-200 px-5 py-3">
            <Alert>{run.errorMessage}</Alert>
          </div>
        ) : null}
      </Card>

      <Tabs<TabId>
        label="Run results"
        selected={tab}
        onSelect={(next) => router.replace(`${pathname}${next === "console" ? "?tab=console" : ""}`, { scroll: false })}
        tabs={[
          { id: "tests", label: "Test Results", panel: <TestResults run={run} /> },
          { id: "console", label: "Console Log", panel: <ConsoleLog entries={run.timeline} /> },
        ]}
      />
    </div>
  );
}

function queueWait(run: { queuedAt: Date; startedAt: Date | null }) {
  return run.startedAt ? Math.max(0, new Date(run.startedAt).getTime() - new Date(run.queuedAt).getTime()) : 0;
}
