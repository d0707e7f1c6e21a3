"use client";

import type { RouterOutputs } from "@outpost/api";
import { Card, SelectField, Stat } from "@outpost/ui";
import { RelativeTime } from "~/app/(console)/_components/time";
import { MonitorStatusDot } from "../../_components/monitor-status";
import { formatMs, formatPercent, plural } from "./format";
import { OUTCOMES } from "./outcome";
import { FORMULAS, PERIODS, type Formula, type Period } from "./results-params";

type Monitor = RouterOutputs["monitor"]["get"];
type Summary = RouterOutputs["results"]["summary"];

/** The monitor at a glance over the selected period, with the same filters as the chart. */
export function ResultsSummary({
  monitor,
  summary,
  period,
  formula,
  filtered,
  onPeriod,
}: {
  monitor: Monitor;
  summary: Summary | undefined;
  period: Period;
  formula: Formula;
  filtered: boolean;
  onPeriod: (period: Period) => void;
}) {
  const outcomes = summary
    ? (["failure", "error", "abort"] as const)
        .filter((outcome) => summary.outcomes[outcome] > 0)
        .map((outcome) => `${summary.outcomes[outcome]} ${OUTCOMES[outcome].label}`)
    : [];
  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-5 py-3">
        <h2 className="text-base font-semibold text-slate-900">
          Summary <span className="font-normal text-slate-500">· {PERIODS[period].toLowerCase()}{filtered ? ", filtered" : ""}</span>
        </h2>
        <SelectField label="Period" className="flex items-center gap-2 [&>label]:text-slate-600 [&>select]:mt-0 [&>select]:py-1.5" value={period} onChange={(e) => onPeriod(e.target.value as Period)}>
          {Object.entries(PERIODS).map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </SelectField>
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-5 px-5 py-5 md:grid-cols-3 xl:grid-cols-6">
        <div className="min-w-0">
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Status</dt>
          <dd className="mt-2.5 [&_span]:text-base [&_span]:font-semibold [&_span]:text-slate-900">
            <MonitorStatusDot status={monitor.status} />
          </dd>
        </div>
        <Stat
          label="Success rate"
          value={formatPercent(summary?.successRate)}
          detail={summary ? (summary.runs === 0 ? "No runs in this period" : `${plural(summary.runs, "run")}${outcomes.length ? `: ${outcomes.join(", ")}` : ", all Successful"}`) : undefined}
        />
        <Stat
          label="Avg. response time"
          value={formatMs(summary?.responseTimeMs)}
          detail={
            summary && summary.responseTimeRuns < summary.runs
              ? `Over the latest ${summary.responseTimeRuns.toLocaleString("en-US")} of ${plural(summary.runs, "run")}`
              : `Per run: ${FORMULAS[formula].toLowerCase()} of its requests`
          }
        />
        <Stat
          label="Last run"
          size="md"
          value={<RelativeTime value={monitor.lastRunAt} never="Not yet" />}
          detail={monitor.lastOutcome ? `Result: ${OUTCOMES[monitor.lastOutcome].label}` : undefined}
        />
        <Stat
          label="Next run"
          size="md"
          value={monitor.paused ? "Paused" : <RelativeTime value={monitor.nextRunAt} never="—" />}
          detail={summary && summary.inFlight > 0 ? `${plural(summary.inFlight, "run")} queued or running` : undefined}
        />
        <Stat
          label="Runners"
          size="md"
          value={monitor.runnerMode === "auto" ? "Auto-select" : plural(monitor.runners.length, "runner")}
          detail={monitor.runnerMode === "auto" ? "Hosted runner" : monitor.runners.map((r) => r.name).join(", ")}
        />
      </dl>
    </Card>
  );
}
