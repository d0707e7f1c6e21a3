import { RunOutcome } from "@outpost/contracts";
import { RUNNER_PROTOCOL_VERSION, RUNNER_VERSION } from "../version";
import { MetricsRegistry } from "./prometheus";

/** A run whose execution threw inside the runner: it has no result, so no outcome of its own. */
export const RUNNER_ERROR = "runner_error";

/** What the runner tells Prometheus; the agent reports events, the gauges are read at each scrape. */
export function createRunnerMetrics() {
  const registry = new MetricsRegistry();
  const info = registry.gauge("outpost_runner_info", "The runner's version and protocol version; always 1.");
  const started = registry.counter("outpost_runner_runs_started_total", "Runs this process started.");
  const finished = registry.counter("outpost_runner_runs_finished_total", "Runs this process finished, by outcome.");
  const inProgress = registry.gauge("outpost_runner_runs_in_progress", "Runs executing now.");
  const deliveries = registry.counter(
    "outpost_runner_result_deliveries_total",
    "Attempts to deliver a result to the console: ok (accepted) or failed (kept in the outbox and retried).",
  );
  const dropped = registry.counter(
    "outpost_runner_results_dropped_total",
    "Results the console will never take: the lease was lost, or it refused them for good.",
  );
  const outbox = registry.gauge("outpost_runner_outbox_results", "Results on disk waiting for the console.");
  const claims = registry.counter("outpost_runner_claim_requests_total", "Claim requests (long polls) sent to the console.");
  const claimErrors = registry.counter("outpost_runner_claim_errors_total", "Claim requests that failed.");
  const lastContact = registry.gauge(
    "outpost_runner_last_console_contact_timestamp_seconds",
    "When the console last answered a request successfully (Unix time); 0 before the first answer.",
  );
  const memory = registry.gauge("process_resident_memory_bytes", "Resident memory of the runner process.");
  const startTime = registry.gauge("process_start_time_seconds", "When the runner process started (Unix time).");

  info.set(1, { version: RUNNER_VERSION, protocol: String(RUNNER_PROTOCOL_VERSION) });
  for (const outcome of [...RunOutcome.options, RUNNER_ERROR]) finished.declare({ outcome });
  for (const result of ["ok", "failed"]) deliveries.declare({ result });
  for (const reason of ["lease_lost", "refused"]) dropped.declare({ reason });
  claims.declare({});
  claimErrors.declare({});
  started.declare({});
  inProgress.set(0);
  outbox.set(0);
  lastContact.set(0);
  memory.collect(() => process.memoryUsage.rss());
  startTime.set(Math.round((Date.now() - process.uptime() * 1000) / 1000));

  return {
    runStarted: () => started.inc(),
    runFinished: (outcome: RunOutcome | typeof RUNNER_ERROR) => finished.inc({ outcome }),
    delivery: (result: "ok" | "failed") => deliveries.inc({ result }),
    resultDropped: (reason: "lease_lost" | "refused") => dropped.inc({ reason }),
    claim: (ok: boolean) => {
      claims.inc();
      if (!ok) claimErrors.inc();
    },
    consoleContact: () => lastContact.set(Math.floor(Date.now() / 1000)),
    /** The agent's live state, read at each scrape. */
    observe(state: { runsInProgress: () => number; outboxResults: () => number }) {
      inProgress.collect(state.runsInProgress);
      outbox.collect(state.outboxResults);
    },
    render: () => registry.render(),
  };
}

export type RunnerMetrics = ReturnType<typeof createRunnerMetrics>;
