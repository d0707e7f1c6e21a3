"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { RouterOutputs } from "@outpost/api";
import { CHART_COLORS, SERIES_COLORS, timeTickFormatter, useMounted } from "./chart-support";
import { formatMs } from "./format";

type ResultsRun = RouterOutputs["results"]["runs"]["runs"][number];

/**
 * Each request's response time across the runs of the page, one line per request, so a slow
 * endpoint stands out from the run's overall figure. Gaps are runs where the request has no timing
 * (not sent, or failed to connect).
 */
export function RequestSplitChart({ runs }: { runs: ResultsRun[] }) {
  const mounted = useMounted();
  const finished = runs.filter((run) => run.status === "finished");
  const names = [...new Set(finished.flatMap((run) => run.requests.map((request) => request.requestName)))];
  if (names.length === 0) {
    return <p className="py-10 text-center text-sm text-slate-500">No request timings in these runs.</p>;
  }
  // Series keys are positions, so any request name (dots, brackets) is safe as a label.
  const data = finished.map((run, index) => ({
    index,
    at: new Date(run.scheduledFor),
    ...Object.fromEntries(names.map((name, series) => [`s${series}`, run.requests.find((r) => r.requestName === name)?.responseTimeMs ?? null])),
  }));
  const formatTick = timeTickFormatter(data.map((point) => point.at));

  return (
    <div className="h-[260px]" data-testid="request-split-chart">
      {mounted ? (
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} stroke={CHART_COLORS.grid} />
            <XAxis dataKey="index" tick={{ fontSize: 12, fill: CHART_COLORS.axis }} tickFormatter={(index: number) => formatTick(index)} axisLine={{ stroke: CHART_COLORS.axisLine }} tickLine={false} minTickGap={24} />
            <YAxis width={72} tick={{ fontSize: 12, fill: CHART_COLORS.axis }} tickFormatter={(value: number) => formatMs(value)} axisLine={false} tickLine={false} />
            <Tooltip content={(props) => <SplitTooltip {...props} at={data} />} isAnimationActive={false} />
            <Legend iconType="plainline" wrapperStyle={{ fontSize: 12, paddingTop: 8 }} />
            {names.map((name, series) => (
              <Line
                key={name}
                dataKey={`s${series}`}
                name={name}
                stroke={SERIES_COLORS[series % SERIES_COLORS.length]}
                strokeWidth={2}
                dot={data.length <= 60 ? { r: 2 } : false}
                activeDot={{ r: 4 }}
                connectNulls={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      ) : null}
    </div>
  );
}

function SplitTooltip({ active, payload, label, at }: Partial<TooltipContentProps> & { at: Array<{ at: Date }> }) {
  if (!active || !payload?.length) return null;
  const when = at[Number(label)]?.at;
  return (
    <div className="min-w-48 rounded-md bg-white px-3 py-2.5 text-xs shadow-lg ring-1 ring-slate-200">
      {when ? <p className="font-semibold text-slate-900">{new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium" }).format(when)}</p> : null}
      <ul className="mt-1.5 space-y-1">
        {payload.map((entry) => (
          <li key={String(entry.dataKey)} className="flex items-center justify-between gap-4">
            <span className="inline-flex items-center gap-1.5 text-slate-600">
              <span className="h-0.5 w-3" style={{ backgroundColor: entry.color }} />
              {entry.name}
            </span>
            <span className="font-medium text-slate-900">{formatMs(typeof entry.value === "number" ? entry.value : null)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
