import type { RouterOutputs } from "@outpost/api";
import { Card, cn } from "@outpost/ui";
import { formatCount, formatDay, formatPeriod, plural } from "./usage-format";

type Usage = RouterOutputs["usage"]["current"];

/** What the bar says in words: status is never the bar's length or colour alone. */
function describe(usage: Usage, percent: number) {
  if (!usage.exhausted && usage.used < usage.quota) {
    const share = percent === 0 && usage.used > 0 ? "Less than 1%" : `${percent}%`;
    return { tone: percent >= 80 ? "amber" : "indigo", words: `${share} used · ${plural(usage.remaining, "request")} left` };
  }
  if (usage.stopsAtQuota) {
    return { tone: "red", words: `Quota used up · monitors are paused until ${formatDay(usage.resetsAt)}` };
  }
  return {
    tone: "indigo",
    words:
      usage.overage > 0
        ? `Quota used up · ${plural(usage.overage, "request")} over, billed as overage`
        : "Quota used up · monitors run on as overage",
  };
}

const BAR = { indigo: "bg-indigo-600", amber: "bg-amber-500", red: "bg-red-600" } as const;

export function UsageMeter({ usage }: { usage: Usage }) {
  const percent = Math.min(100, Math.floor((usage.used / Math.max(1, usage.quota)) * 100));
  const { tone, words } = describe(usage, percent);
  const facts: Array<[string, string]> = [
    ["Plan", usage.planLabel],
    ["Monthly quota", plural(usage.quota, "request")],
    ["Resets", `${formatDay(usage.resetsAt)}, 00:00 UTC`],
    ["At the quota", usage.stopsAtQuota ? "Monitors pause until the next period" : "Monitors run on as overage"],
  ];
  return (
    <Card>
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 px-5 py-4">
        <h3 className="text-base font-semibold">This period</h3>
        <p className="text-sm text-slate-600">{formatPeriod(usage.periodStart, usage.resetsAt)} (UTC)</p>
      </div>
      <div className="px-5 py-5">
        {usage.pausedReason ? (
          <div role="status" className="mb-5 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">
            <span className="font-semibold">Monitors are paused:</span> {usage.pausedReason}.
          </div>
        ) : null}
        <p className="text-sm text-slate-600">
          <span className="text-3xl font-semibold tracking-tight text-slate-900">{formatCount(usage.used)}</span>{" "}
          of {plural(usage.quota, "request")} used
        </p>
        <div
          role="progressbar"
          aria-label="Requests used this period"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={words}
          className="mt-3 h-3 w-full overflow-hidden rounded-full bg-slate-100 ring-1 ring-inset ring-slate-200"
        >
          <div className={cn("h-full rounded-full", BAR[tone as keyof typeof BAR])} style={{ width: `${Math.max(percent, usage.used > 0 ? 1 : 0)}%` }} />
        </div>
        <p className={cn("mt-2 text-sm font-medium", tone === "red" ? "text-red-700" : tone === "amber" ? "text-amber-800" : "text-slate-700")}>
          {words}
        </p>
      </div>
      <dl className="grid grid-cols-2 border-t border-slate-200 sm:grid-cols-4">
        {facts.map(([term, value]) => (
          <div key={term} className="border-slate-100 px-5 py-3 text-sm sm:border-r sm:last:border-r-0">
            <dt className="text-slate-500">{term}</dt>
            <dd className="mt-0.5 font-medium text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
