import type { RouterInputs } from "@outpost/api";

// The results page keeps its period, filters and place in history in the URL, so a link (or the
// browser's Back from a run) shows the same view. The server page parses the same way to prefetch.

type SummaryInput = RouterInputs["results"]["summary"];
type RunsInput = RouterInputs["results"]["runs"];
export type Period = NonNullable<SummaryInput["period"]>;
export type Filters = NonNullable<RunsInput["filters"]>;
export type Formula = NonNullable<Filters["formula"]>;
export type ResultsPage = NonNullable<RunsInput["page"]>;
export type ResultsState = { period: Period; filters: Filters & { formula: Formula }; page: ResultsPage };

export const PERIODS: Record<Period, string> = { "24h": "Last 24 hours", "7d": "Last 7 days", "30d": "Last 30 days" };
export const FORMULAS: Record<Formula, string> = { average: "Average", sum: "Sum", min: "Minimum", max: "Maximum" };
export const RUN_TYPES = { scheduled: "Scheduled", manual: "Manual", api: "API" } as const;
export const RESULTS = { successful: "Successful", failure: "Failure", error: "Error", abort: "Abort" } as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const oneOf = <T extends string>(options: Record<T, unknown>, value: string | undefined): T | undefined =>
  value !== undefined && Object.hasOwn(options, value) ? (value as T) : undefined;

type Params = URLSearchParams | Record<string, string | string[] | undefined>;
function reader(params: Params) {
  if (params instanceof URLSearchParams) return (key: string) => params.get(key) ?? undefined;
  return (key: string) => {
    const value = params[key];
    return Array.isArray(value) ? value[0] : value;
  };
}

/** Reads the view from search parameters; anything unknown falls back to the default. */
export function parseResultsParams(params: Params): ResultsState {
  const get = reader(params);
  const runner = get("runner");
  const request = get("request");
  const before = get("before");
  const after = get("after");
  const from = get("from") ? new Date(get("from")!) : undefined;
  const page: ResultsPage =
    before && UUID.test(before)
      ? { kind: "older", before }
      : after && UUID.test(after)
        ? { kind: "newer", after }
        : from && !Number.isNaN(from.getTime())
          ? { kind: "from", at: from }
          : { kind: "latest" };
  return {
    period: oneOf(PERIODS, get("period")) ?? "24h",
    filters: {
      formula: oneOf(FORMULAS, get("formula")) ?? "average",
      ...(request ? { request: request.slice(0, 1_000) } : {}),
      ...(oneOf(RUN_TYPES, get("type")) ? { type: oneOf(RUN_TYPES, get("type")) } : {}),
      ...(oneOf(RESULTS, get("result")) ? { outcome: oneOf(RESULTS, get("result")) } : {}),
      ...(runner && (runner === "hosted" || UUID.test(runner)) ? { runner } : {}),
    },
    page,
  };
}

/** The search string of a view ("" for the default view). */
export function resultsSearch(state: ResultsState): string {
  const params = new URLSearchParams();
  if (state.period !== "24h") params.set("period", state.period);
  const { filters, page } = state;
  if (filters.request) params.set("request", filters.request);
  if (filters.type) params.set("type", filters.type);
  if (filters.outcome) params.set("result", filters.outcome);
  if (filters.runner) params.set("runner", filters.runner);
  if (filters.formula !== "average") params.set("formula", filters.formula);
  if (page.kind === "older") params.set("before", page.before);
  if (page.kind === "newer") params.set("after", page.after);
  if (page.kind === "from") params.set("from", page.at.toISOString());
  const search = params.toString();
  return search ? `?${search}` : "";
}

/** The inputs of the page's two results queries, built the same way on the server and in the browser. */
export function resultsInputs(at: { workspaceId: string; monitorId: string }, state: ResultsState) {
  return {
    summary: { ...at, period: state.period, filters: state.filters } satisfies SummaryInput,
    runs: { ...at, filters: state.filters, page: state.page } satisfies RunsInput,
  };
}

export const hasFilters = (filters: Filters) => Boolean(filters.request || filters.type || filters.outcome || filters.runner);
