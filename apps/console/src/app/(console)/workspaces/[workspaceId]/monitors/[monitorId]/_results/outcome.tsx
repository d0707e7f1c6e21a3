import { StatusDot, type StatusTone } from "@outpost/ui";

export type RunOutcome = "successful" | "failure" | "error" | "abort";
export type RunStatus = "queued" | "running" | "finished";

export const OUTCOMES: Record<RunOutcome, { label: string; tone: StatusTone }> = {
  successful: { label: "Successful", tone: "green" },
  failure: { label: "Failure", tone: "red" },
  error: { label: "Error", tone: "red" },
  abort: { label: "Abort", tone: "red" },
};

/** A run's result in words (with its dot), or where it is while it has none yet. */
export function outcomeLabel(run: { status: RunStatus; outcome: RunOutcome | null }): string {
  if (run.outcome) return OUTCOMES[run.outcome].label;
  return run.status === "running" ? "Running" : "Queued";
}

export function RunOutcomeDot({ run }: { run: { status: RunStatus; outcome: RunOutcome | null } }) {
  const tone: StatusTone = run.outcome ? OUTCOMES[run.outcome].tone : run.status === "running" ? "amber" : "slate";
  return <StatusDot tone={tone} label={outcomeLabel(run)} />;
}

export const isFailed = (outcome: RunOutcome | null) => outcome !== null && outcome !== "successful";
