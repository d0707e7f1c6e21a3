import type { RequestExecution, RunOutcome, RunResult } from "@outpost/contracts";

const OUTCOME_LABELS: Record<RunOutcome, string> = {
  successful: "Successful",
  failure: "Failure",
  error: "Error",
  abort: "Abort",
};

/** A run as a person reads it in a terminal: requests, their tests, script output, totals. */
export function formatReport(result: RunResult): string[] {
  const lines: string[] = [];
  for (const execution of result.executions) lines.push(...formatExecution(execution), "");

  const output = result.consoleLines.filter((line) => line.level !== "stage");
  if (output.length > 0) {
    lines.push("Console:");
    for (const line of output) lines.push(`  [${line.level}] ${line.message}`);
    lines.push("");
  }

  const assertions = result.executions.flatMap((execution) => execution.assertions);
  const failed = assertions.filter((assertion) => !assertion.passed).length;
  const elapsedMs = Date.parse(result.finishedAt) - Date.parse(result.startedAt);
  lines.push(
    `Requests: ${result.requestCount} sent`,
    `Tests:    ${assertions.length - failed} passed, ${failed} failed`,
    `Duration: ${elapsedMs} ms`,
    `Outcome:  ${OUTCOME_LABELS[result.outcome]}${result.errorMessage ? ` (${result.errorMessage})` : ""}`,
  );
  return lines;
}

function formatExecution(execution: RequestExecution): string[] {
  const lines = [`→ ${execution.requestName}`];
  const response =
    execution.statusCode === null
      ? "no response"
      : `${execution.statusCode}, ${execution.responseTimeMs ?? "?"} ms, ${formatBytes(execution.responseSizeBytes)}`;
  lines.push(`  ${execution.method} ${execution.url} [${response}]`);
  if (execution.error) lines.push(`  ! ${execution.error}`);
  for (const assertion of execution.assertions) {
    lines.push(`  ${assertion.passed ? "✓" : "✗"} ${assertion.name}`);
    if (!assertion.passed && assertion.errorMessage) lines.push(`      ${assertion.errorMessage}`);
  }
  return lines;
}

function formatBytes(bytes: number | null): string {
  if (bytes === null) return "? B";
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}
