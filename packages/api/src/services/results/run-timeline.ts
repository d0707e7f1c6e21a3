import type { RunOutcome } from "@outpost/db";

export type TimelineLevel = "stage" | "log" | "info" | "warn" | "error" | "debug";
export type TimelineEntry = { at: Date | null; level: TimelineLevel; message: string };

const OUTCOME_WORDS: Record<RunOutcome, string> = {
  successful: "Successful",
  failure: "Failure",
  error: "Error",
  abort: "Abort",
};

const TYPE_WORDS = { scheduled: "scheduled run", manual: "manual run", api: "API run" } as const;

type TimelineRun = {
  type: keyof typeof TYPE_WORDS;
  status: "queued" | "running" | "finished";
  outcome: RunOutcome | null;
  errorMessage: string | null;
  attempt: number;
  scheduledFor: Date;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  triggeredByName: string | null;
  /** The runner's name, or "Hosted runner". */
  runner: string;
  instance: { hostname: string; os: string; runnerVersion: string } | null;
};

type TimelineRequest = { requestName: string; error: string | null; tests: Array<{ passed: boolean }> };

/**
 * A run's Console Log: the stages the console saw (queued, claimed by a runner and instance,
 * handed back after a lapsed lease, the result), around the lines the runner stored (its own stage
 * lines — run started, retries, run finished — and scripts' console output) and request errors.
 * Stored lines keep the runner's order; their times are the runner's clock.
 */
export function describeRunTimeline(
  run: TimelineRun,
  requests: TimelineRequest[],
  lines: Array<{ level: TimelineLevel; message: string; loggedAt: Date }>,
): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const stage = (at: Date | null, message: string) => entries.push({ at, level: "stage", message });
  const by = run.type === "manual" && run.triggeredByName ? ` by ${run.triggeredByName}` : "";
  const on = run.instance ? ` on instance ${run.instance.hostname} (${run.instance.os}, runner ${run.instance.runnerVersion})` : "";

  // A lapsed lease resets queued_at, so a retried run's first queueing is told by its scheduled time.
  stage(run.attempt > 1 ? run.scheduledFor : run.queuedAt, `Queued: ${TYPE_WORDS[run.type]}${by}, for ${run.runner}`);
  if (run.attempt > 1) {
    stage(run.startedAt, `Claimed by ${run.runner}`);
    stage(run.queuedAt, "The instance stopped renewing its lease: the run went back to the queue");
    stage(null, `Claimed again by ${run.runner}${on} (attempt ${run.attempt})`);
  } else if (run.startedAt) {
    stage(run.startedAt, `Claimed by ${run.runner}${on}`);
  }

  for (const line of lines) entries.push({ at: line.loggedAt, level: line.level, message: line.message });
  for (const request of requests) {
    if (request.error) entries.push({ at: null, level: "error", message: `"${request.requestName}": ${request.error}` });
  }

  if (run.status === "queued") stage(null, `Waiting for ${run.runner} to pick up the run`);
  if (run.status === "running") stage(null, `Running on ${run.runner}`);
  if (run.status === "finished" && run.outcome) {
    const tests = requests.flatMap((request) => request.tests);
    const failed = tests.filter((test) => !test.passed).length;
    const word = OUTCOME_WORDS[run.outcome];
    const counted = `${tests.length === 1 ? "test" : "tests"}`;
    const detail = run.errorMessage
      ? // Stored reasons may start with the outcome's own word ("Error: runner lost").
        run.errorMessage.replace(new RegExp(`^${word}:\\s*`, "i"), "")
      : tests.length === 0
        ? null
        : failed === 0
          ? `${tests.length} ${counted} passed`
          : `${failed} of ${tests.length} ${counted} failed`;
    entries.push({
      at: run.finishedAt,
      level: run.outcome === "successful" ? "stage" : "error",
      message: `Result: ${word}${detail ? ` — ${detail}` : ""}`,
    });
  }
  return entries;
}
