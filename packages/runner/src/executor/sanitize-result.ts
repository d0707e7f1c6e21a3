import type { AssertionResult, ConsoleLine, RequestExecution, RunResult } from "@outpost/contracts";
import { RESULT_LIMITS } from "@outpost/contracts";

export const SECRET_MASK = "********";

interface Limits {
  text: number;
  assertionsPerExecution: number;
  consoleLines: number;
}

const CONTRACT_LIMITS: Limits = {
  text: RESULT_LIMITS.text,
  assertionsPerExecution: RESULT_LIMITS.assertionsPerExecution,
  consoleLines: RESULT_LIMITS.consoleLines,
};

// Tighter limits tried in turn when a result within the contract's limits still exceeds the
// submission body cap (e.g. 1,000 executions with 200 long assertions each).
const SHRINKING_LIMITS: Limits[] = [
  { text: 1_000, assertionsPerExecution: 200, consoleLines: 1_000 },
  { text: 200, assertionsPerExecution: 50, consoleLines: 200 },
  { text: 100, assertionsPerExecution: 5, consoleLines: 50 },
];
// Room for the submission envelope (instance and lease IDs) around the result.
const BODY_BUDGET = RESULT_LIMITS.bodyBytes - 16 * 1024;

/** Replaces every occurrence of a secret (raw or URL-encoded, as it appears in URLs) with the mask. */
export function createMasker(secrets: readonly string[]): (text: string) => string {
  const needles = [...new Set(secrets.flatMap((s) => [s, encodeURIComponent(s), encodeURI(s)]))]
    .filter((needle) => needle.length > 0)
    // Longest first, so a secret containing another is masked whole.
    .sort((a, b) => b.length - a.length);
  return (text) => needles.reduce((out, needle) => out.split(needle).join(SECRET_MASK), text);
}

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = text.slice(0, max - 1);
  // Never leave half of a surrogate pair behind.
  if (/[\uD800-\uDBFF]$/.test(kept)) kept = kept.slice(0, -1);
  return `${kept}…`;
}

/**
 * Masks secrets in every free-text field, then fits the result to RESULT_LIMITS so it always
 * passes `RunResult.parse` and fits a submission body. Masking comes first: truncating first could
 * cut a secret in half and leave a prefix of it unmasked.
 */
export function sanitizeResult(result: RunResult, secrets: readonly string[], droppedConsoleLines = 0): RunResult {
  const mask = createMasker(secrets);
  const masked: RunResult = {
    ...result,
    errorMessage: result.errorMessage === null ? null : mask(result.errorMessage),
    executions: result.executions.map((execution) => ({
      ...execution,
      requestName: mask(execution.requestName),
      url: mask(execution.url),
      error: execution.error === null ? null : mask(execution.error),
      assertions: execution.assertions.map((a) => ({
        ...a,
        name: mask(a.name),
        errorMessage: a.errorMessage === null ? null : mask(a.errorMessage),
      })),
    })),
    consoleLines: result.consoleLines.map((line) => ({ ...line, message: mask(line.message) })),
  };
  const omittedExecutions = Math.max(0, masked.executions.length - RESULT_LIMITS.executions);
  masked.executions = masked.executions.slice(0, RESULT_LIMITS.executions);
  if (omittedExecutions > 0) {
    const note = stageLine(`${omittedExecutions} further request executions were not kept`);
    masked.consoleLines.splice(Math.max(0, masked.consoleLines.length - 1), 0, note);
  }

  let limited = applyLimits(masked, CONTRACT_LIMITS, droppedConsoleLines);
  for (const limits of SHRINKING_LIMITS) {
    if (Buffer.byteLength(JSON.stringify(limited)) <= BODY_BUDGET) break;
    limited = applyLimits(masked, limits, droppedConsoleLines);
  }
  return limited;
}

function applyLimits(result: RunResult, limits: Limits, droppedConsoleLines: number): RunResult {
  const text = (value: string) => truncate(value, limits.text);
  const executions: RequestExecution[] = result.executions.map((execution) => ({
    ...execution,
    requestName: text(execution.requestName),
    method: truncate(execution.method, 20),
    url: text(execution.url),
    error: execution.error === null ? null : text(execution.error),
    assertions: capAssertions(execution.assertions, limits.assertionsPerExecution).map((a) => ({
      ...a,
      name: text(a.name),
      errorMessage: a.errorMessage === null ? null : text(a.errorMessage),
    })),
  }));
  const lines = result.consoleLines.map((line) => ({ ...line, message: text(line.message) }));
  return {
    ...result,
    errorMessage: result.errorMessage === null ? null : text(result.errorMessage),
    executions,
    consoleLines: capConsoleLines(lines, limits.consoleLines, droppedConsoleLines),
  };
}

/** Keeps failed assertions before passed ones when cutting, in their original order. */
function capAssertions(assertions: AssertionResult[], max: number): AssertionResult[] {
  if (assertions.length <= max) return assertions;
  const failed = assertions.filter((a) => !a.passed).slice(0, max);
  const keep = new Set([...failed, ...assertions.filter((a) => a.passed).slice(0, max - failed.length)]);
  return assertions.filter((a) => keep.has(a));
}

/** Keeps the beginning and the last line (the run's end), with a note of how many were left out. */
function capConsoleLines(lines: ConsoleLine[], max: number, alreadyDropped: number): ConsoleLine[] {
  if (lines.length <= max && alreadyDropped === 0) return lines;
  const last = lines.at(-1);
  const head = lines.slice(0, Math.min(lines.length - 1, max - 2));
  const omitted = alreadyDropped + lines.length - head.length - 1;
  const note = stageLine(`${omitted} console lines were not kept`);
  return last ? [...head, note, last] : [note];
}

function stageLine(message: string): ConsoleLine {
  return { level: "stage", message, loggedAt: new Date().toISOString() };
}
