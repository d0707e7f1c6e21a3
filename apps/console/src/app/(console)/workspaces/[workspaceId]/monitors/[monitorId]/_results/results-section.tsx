"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { RouterOutputs } from "@outpost/api";
import { Button, Card, EmptyState } from "@outpost/ui";
import { DateTime } from "~/app/(console)/_components/time";
import { useTRPC } from "~/trpc/react";
import { plural } from "./format";
import { GoToDate } from "./go-to-date";
import { liveInterval } from "./live";
import { RequestSplitChart } from "./request-split-chart";
import { ResultsFilters } from "./results-filters";
import { hasFilters, resultsInputs } from "./results-params";
import { ResultsSummary } from "./results-summary";
import { RunChart } from "./run-chart";
import { RunsTable } from "./runs-table";
import { useResultsView } from "./use-results-view";

type Monitor = RouterOutputs["monitor"]["get"];

/**
 * The monitor's results: summary, filters, the run chart with paging, the per-request split and the
 * runs table. The view lives in the URL; the queries poll while the tab is visible, faster while a
 * run of this monitor is queued or running, so new runs appear without a reload.
 */
export function ResultsSection({ workspaceId, monitor }: { workspaceId: string; monitor: Monitor }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [state, show] = useResultsView();
  const at = { workspaceId, monitorId: monitor.id };
  const inputs = resultsInputs(at, state);

  const summary = useQuery({
    ...trpc.results.summary.queryOptions(inputs.summary),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => liveInterval((query.state.data?.inFlight ?? 0) > 0),
  });
  const busy = (summary.data?.inFlight ?? 0) > 0;
  const results = useQuery({
    ...trpc.results.runs.queryOptions(inputs.runs),
    placeholderData: keepPreviousData,
    // New runs only ever join the latest page; an older page stays as it is.
    refetchInterval: (query) => (query.state.data && query.state.data.newer !== null ? false : liveInterval(busy)),
  });
  const options = useQuery(trpc.results.filterOptions.queryOptions(at));

  const runs = results.data?.runs ?? [];
  const filtered = hasFilters(state.filters);
  const runHref = (runId: string) => `/workspaces/${workspaceId}/monitors/${monitor.id}/runs/${runId}`;
  const atLatest = results.data?.newer === null;

  return (
    <div className="space-y-6">
      <ResultsSummary
        monitor={monitor}
        summary={summary.data}
        period={state.period}
        formula={state.filters.formula}
        filtered={filtered}
        onPeriod={(period) => show({ ...state, period })}
      />

      <Card className="p-5">
        <ResultsFilters
          state={state}
          options={options.data ?? { requests: [], runners: [] }}
          onFilters={(filters) => show({ ...state, filters, page: { kind: "latest" } })}
        />
      </Card>

      <section aria-labelledby="history-heading" aria-busy={results.isFetching && results.isPlaceholderData}>
        <div className="mb-3 space-y-3">
          <div>
            <h2 id="history-heading" className="text-base font-semibold text-slate-900">
              Run history
            </h2>
            <p className="mt-0.5 text-sm text-slate-600">
              {runs.length > 0 ? (
                <>
                  {plural(runs.length, "run")} from <DateTime value={runs[0]!.scheduledFor} /> to <DateTime value={runs[runs.length - 1]!.scheduledFor} />
                </>
              ) : (
                "No runs to show"
              )}
              {" · "}
              <LiveNote atLatest={atLatest} busy={busy} />
            </p>
          </div>
          <nav aria-label="Run history pages" className="flex flex-wrap items-center justify-between gap-3">
            <GoToDate onGoTo={(date) => show({ ...state, page: { kind: "from", at: date } })} />
            <div className="flex items-center gap-2">
              <Button variant="secondary" disabled={!results.data?.older} onClick={() => show({ ...state, page: { kind: "older", before: results.data!.older! } })}>
                ← Older
              </Button>
              <Button variant="secondary" disabled={!results.data?.newer} onClick={() => show({ ...state, page: { kind: "newer", after: results.data!.newer! } })}>
                Newer →
              </Button>
              <Button variant="secondary" disabled={atLatest !== false} onClick={() => show({ ...state, page: { kind: "latest" } })}>
                Latest
              </Button>
            </div>
          </nav>
        </div>

        {results.isPending ? (
          <Card className="h-[340px] animate-pulse bg-slate-50">
            <span className="sr-only">Loading runs…</span>
          </Card>
        ) : runs.length === 0 ? (
          filtered ? (
            <EmptyState
              title="No runs match these filters"
              action={
                <Button variant="secondary" onClick={() => show({ ...state, filters: { formula: state.filters.formula }, page: { kind: "latest" } })}>
                  Clear filters
                </Button>
              }
            >
              Try another result, run type or runner, or clear the filters to see every run.
            </EmptyState>
          ) : (
            <EmptyState title="No runs yet">
              Results appear here as soon as the monitor runs: at its next scheduled time, or choose <strong>Run now</strong> under Actions.
            </EmptyState>
          )
        ) : (
          <div className="space-y-6">
            <Card className="p-5">
              <RunChart runs={runs} formula={state.filters.formula} onOpen={(runId) => router.push(runHref(runId))} />
            </Card>
            <section aria-labelledby="split-heading">
              <Card className="p-5">
                <h3 id="split-heading" className="mb-3 text-sm font-semibold text-slate-900">
                  Response time per request
                </h3>
                <RequestSplitChart runs={runs} />
              </Card>
            </section>
            <section aria-labelledby="runs-heading">
              <h3 id="runs-heading" className="mb-3 text-sm font-semibold text-slate-900">
                Runs
              </h3>
              <RunsTable runs={runs} formula={state.filters.formula} runHref={runHref} />
            </section>
          </div>
        )}
      </section>
    </div>
  );
}

function LiveNote({ atLatest, busy }: { atLatest: boolean; busy: boolean }) {
  if (!atLatest) return <span>Viewing history</span>;
  return (
    <span className="inline-flex items-center gap-1.5">
      <span className={`h-1.5 w-1.5 rounded-full ${busy ? "animate-pulse bg-amber-500" : "bg-emerald-500"}`} aria-hidden="true" />
      {busy ? "Run in progress, updating" : "Live"}
    </span>
  );
}
