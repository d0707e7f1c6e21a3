"use client";

import { Button, SelectField } from "@outpost/ui";
import { FORMULAS, hasFilters, RESULTS, RUN_TYPES, type Filters, type Formula, type ResultsState } from "./results-params";

type Options = { requests: string[]; runners: Array<{ id: string; name: string }> };

/** Request, run type, result, runner and formula. Every change is one URL change, back to the latest runs. */
export function ResultsFilters({
  state,
  options,
  onFilters,
}: {
  state: ResultsState;
  options: Options;
  onFilters: (filters: ResultsState["filters"]) => void;
}) {
  const { filters } = state;
  const set = (change: Partial<Filters>) => {
    const next = { ...filters, ...change };
    for (const key of Object.keys(next) as Array<keyof Filters>) if (next[key] === undefined) delete next[key];
    onFilters(next as ResultsState["filters"]);
  };
  const value = (v: string) => (v === "" ? undefined : v);
  // A request filtered on that is no longer in the collection stays selectable until cleared.
  const requests = filters.request && !options.requests.includes(filters.request) ? [...options.requests, filters.request] : options.requests;

  return (
    <div className="flex flex-wrap items-end gap-x-4 gap-y-3">
      <SelectField label="Request" className="w-52" value={filters.request ?? ""} onChange={(e) => set({ request: value(e.target.value) })}>
        <option value="">All requests</option>
        {requests.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Run type"
        className="w-36"
        value={filters.type ?? ""}
        onChange={(e) => set({ type: value(e.target.value) as Filters["type"] })}
      >
        <option value="">All types</option>
        {Object.entries(RUN_TYPES).map(([id, label]) => (
          <option key={id} value={id}>
            {label}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Result"
        className="w-36"
        value={filters.outcome ?? ""}
        onChange={(e) => set({ outcome: value(e.target.value) as Filters["outcome"] })}
      >
        <option value="">All results</option>
        {Object.entries(RESULTS).map(([id, label]) => (
          <option key={id} value={id}>
            {label}
          </option>
        ))}
      </SelectField>
      <SelectField label="Runner" className="w-44" value={filters.runner ?? ""} onChange={(e) => set({ runner: value(e.target.value) })}>
        <option value="">All runners</option>
        {options.runners.map((runner) => (
          <option key={runner.id} value={runner.id}>
            {runner.name}
          </option>
        ))}
      </SelectField>
      <SelectField label="Formula" className="w-36" value={filters.formula} onChange={(e) => set({ formula: e.target.value as Formula })}>
        {Object.entries(FORMULAS).map(([id, label]) => (
          <option key={id} value={id}>
            {label}
          </option>
        ))}
      </SelectField>
      {hasFilters(filters) ? (
        <Button variant="ghost" className="mb-0.5" onClick={() => onFilters({ formula: filters.formula })}>
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}
