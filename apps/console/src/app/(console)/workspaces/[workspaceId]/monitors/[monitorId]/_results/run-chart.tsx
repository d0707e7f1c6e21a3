"use client";

import { Bar, BarChart, CartesianGrid, Rectangle, ResponsiveContainer, Tooltip, XAxis, YAxis, type BarShapeProps, type TooltipContentProps } from "recharts";
import type { RouterOutputs } from "@outpost/api";
import { formatMs, plural } from "./format";
import { isFailed, outcomeLabel, RunOutcomeDot } from "./outcome";
import { FORMULAS, type Formula } from "./results-params";
import { CHART_COLORS, timeTickFormatter, useMounted } from "./chart-support";

type ResultsRun = RouterOutputs["results"]["runs"]["runs"][number];
type Point = { index: number; run: ResultsRun; responseTime: number; failedTests: number };

const AXIS_WIDTH = 72;
const tick = { fontSize: 12, fill: CHART_COLORS.axis };

function colourOf(run: ResultsRun) {
  if (run.status !== "finished") return CHART_COLORS.pending;
  return isFailed(run.outcome) ? CHART_COLORS.failed : CHART_COLORS.successful;
}

/**
 * One bar per run, oldest on the left: the response-time figure above the axis, failed tests
 * hanging below it, failed runs in red. Hovering shows the run; clicking opens it. The runs table
 * below carries the same facts for anyone who cannot see the chart.
 */
export function RunChart({ runs, formula, onOpen }: { runs: ResultsRun[]; formula: Formula; onOpen: (runId: string) => void }) {
  const mounted = useMounted();
  const data: Point[] = runs.map((run, index) => ({ index, run, responseTime: run.responseTimeMs ?? 0, failedTests: run.failedTests }));
  const maxFailed = Math.max(1, ...runs.map((run) => run.failedTests));
  // Without failed tests on the page the lower band shrinks to the time axis.
  const failedBand = runs.some((run) => run.failedTests > 0) ? 100 : 36;
  const formatTick = timeTickFormatter(runs.map((run) => new Date(run.scheduledFor)));
  // A click anywhere in a run's column opens it, as a bar can be a few pixels tall.
  const openPoint = (point: Point | undefined) => {
    if (point) onOpen(point.run.id);
  };
  const openBar = (item: { payload?: unknown }, _index: number, event: React.MouseEvent) => {
    event.stopPropagation();
    openPoint(item.payload as Point | undefined);
  };
  const open = (state: { activeTooltipIndex?: number | string | null | undefined }) => {
    if (state.activeTooltipIndex === undefined || state.activeTooltipIndex === null) return;
    openPoint(data[Number(state.activeTooltipIndex)]);
  };
  const bar = (props: BarShapeProps) => {
    const point = props.payload as Point | undefined;
    return <Rectangle {...props} fill={point ? colourOf(point.run) : CHART_COLORS.successful} />;
  };

  return (
    <div>
      <div className="mb-2 flex flex-wrap items-center gap-x-5 gap-y-1 text-xs text-slate-600" aria-hidden="true">
        <LegendSwatch colour={CHART_COLORS.successful}>Response time ({FORMULAS[formula].toLowerCase()} of requests)</LegendSwatch>
        <LegendSwatch colour={CHART_COLORS.failed}>Failed run (Failure, Error, Abort)</LegendSwatch>
        <LegendSwatch colour={CHART_COLORS.failedTests}>Failed tests (below the axis)</LegendSwatch>
        <LegendSwatch colour={CHART_COLORS.pending}>Queued or running</LegendSwatch>
      </div>
      <p className="sr-only">
        Bar chart of {plural(runs.length, "run")}: {runs.filter((run) => run.outcome === "successful").length} Successful,{" "}
        {runs.filter((run) => isFailed(run.outcome)).length} failed. The runs table below lists the same runs.
      </p>
      {/* Before mounting there is no width to draw in; the reserved height keeps the page still. */}
      <div className="cursor-pointer" style={{ height: 200 + failedBand }} data-testid="run-chart">
        {mounted ? (
          <>
            <ResponsiveContainer width="100%" height={200}>
              <BarChart data={data} syncId="run-history" margin={{ top: 8, right: 12, bottom: 0, left: 0 }} barCategoryGap="18%" onClick={open}>
                <CartesianGrid vertical={false} stroke={CHART_COLORS.grid} />
                <XAxis dataKey="index" hide />
                <YAxis width={AXIS_WIDTH} tick={tick} tickFormatter={(value: number) => formatMs(value)} axisLine={false} tickLine={false} />
                <Tooltip content={(props) => <RunTooltip {...props} formula={formula} />} cursor={{ fill: CHART_COLORS.cursor }} isAnimationActive={false} />
                <Bar
                  dataKey="responseTime"
                  name="Response time"
                  minPointSize={3}
                  maxBarSize={32}
                  shape={bar}
                  isAnimationActive={false}
                  onClick={openBar}
                />
              </BarChart>
            </ResponsiveContainer>
            <ResponsiveContainer width="100%" height={failedBand}>
              <BarChart data={data} syncId="run-history" margin={{ top: 0, right: 12, bottom: 0, left: 0 }} barCategoryGap="18%" onClick={open}>
                <XAxis dataKey="index" tick={tick} tickFormatter={(index: number) => formatTick(index)} axisLine={{ stroke: CHART_COLORS.axisLine }} tickLine={false} minTickGap={24} />
                <YAxis
                  width={AXIS_WIDTH}
                  reversed
                  allowDecimals={false}
                  domain={[0, maxFailed]}
                  tickCount={Math.min(3, maxFailed + 1)}
                  tick={failedBand > 36 ? tick : false}
                  axisLine={false}
                  tickLine={false}
                />
                <Tooltip content={() => null} cursor={{ fill: CHART_COLORS.cursor }} isAnimationActive={false} />
                <Bar
                  dataKey="failedTests"
                  name="Failed tests"
                  fill={CHART_COLORS.failedTests}
                  maxBarSize={32}
                  isAnimationActive={false}
                  onClick={openBar}
                />
              </BarChart>
            </ResponsiveContainer>
          </>
        ) : null}
      </div>
    </div>
  );
}

function LegendSwatch({ colour, children }: { colour: string; children: React.ReactNode }) {
  return (
    <span className="inline-flex items-center gap-1.5">
      <span className="h-2.5 w-2.5 rounded-sm" style={{ backgroundColor: colour }} />
      {children}
    </span>
  );
}

function RunTooltip({ active, payload, formula }: Partial<TooltipContentProps> & { formula: Formula }) {
  const point = payload?.[0]?.payload as Point | undefined;
  if (!active || !point) return null;
  const { run } = point;
  const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium" }).format(new Date(run.scheduledFor));
  const rows: Array<[string, React.ReactNode]> = [
    ["Result", <span key="r" className="[&>span]:text-xs [&>span]:font-medium"><RunOutcomeDot run={run} /></span>],
    [`Response time (${FORMULAS[formula].toLowerCase()})`, formatMs(run.responseTimeMs)],
    ["Failed tests", run.totalTests > 0 ? `${run.failedTests} of ${run.totalTests}` : "No tests"],
    ["Runner", run.runnerId ? (run.runnerName ?? "Deleted runner") : "Hosted runner"],
    ["Run type", run.type === "api" ? "API" : run.type === "manual" ? "Manual" : "Scheduled"],
  ];
  return (
    <div className="min-w-56 rounded-md bg-white px-3 py-2.5 text-xs shadow-lg ring-1 ring-slate-200" aria-label={`${outcomeLabel(run)} run`}>
      <p className="font-semibold text-slate-900">{when}</p>
      <dl className="mt-1.5 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-slate-500">{term}</dt>
            <dd className="text-right font-medium text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      {run.errorMessage ? <p className="mt-1.5 max-w-64 text-red-700">{run.errorMessage}</p> : null}
      <p className="mt-1.5 text-slate-400">{plural(run.requestCount, "request")} · click to open the run</p>
    </div>
  );
}
