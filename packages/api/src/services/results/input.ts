import { z } from "zod";

export const RUN_OUTCOMES = ["successful", "failure", "error", "abort"] as const;
export const RUN_TYPES = ["scheduled", "manual", "api"] as const;
export const FORMULAS = ["average", "sum", "min", "max"] as const;
export type Formula = (typeof FORMULAS)[number];

/** The hosted runner has no row (its runs have a null runner id); filters name it with this word. */
export const HOSTED_RUNNER_FILTER = "hosted";

export const MonitorRef = z.object({ monitorId: z.uuid() });

/**
 * What narrows a monitor's results. `request` is a request's name: it narrows the response-time
 * figure, the failed-test count and the per-request split to that request; the other filters narrow
 * which runs count. `formula` turns a run's request response times into the run's one figure.
 */
export const ResultsFilters = z.object({
  request: z.string().min(1).max(1_000).optional(),
  type: z.enum(RUN_TYPES).optional(),
  outcome: z.enum(RUN_OUTCOMES).optional(),
  runner: z.union([z.uuid(), z.literal(HOSTED_RUNNER_FILTER)]).optional(),
  formula: z.enum(FORMULAS).default("average"),
});
export type ResultsFilters = z.output<typeof ResultsFilters>;
