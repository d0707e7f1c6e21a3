import type { AssertionResult, ConsoleLine, RequestExecution } from "@outpost/contracts";
import { RESULT_LIMITS } from "@outpost/contracts";
import type { Callbacks, Cursor, ScriptError } from "postman-runtime";
import { formatConsoleArgs } from "./format-console";

/** One pass through an item: a first try or a retry. Keyed by the engine's per-execution cursor ref. */
interface Attempt {
  itemId: string;
  requestName: string;
  /** 1 for the first try. */
  number: number;
  /** Index in `executions` once a request was sent (a retry reuses its predecessor's). */
  slot: number | null;
  requestError: string | null;
  scriptErrors: string[];
  assertions: AssertionResult[];
}

const CONSOLE_LEVELS = new Set<ConsoleLine["level"]>(["log", "info", "warn", "error", "debug"]);
// Bounds memory for chatty scripts; the result keeps fewer (see sanitize-result.ts).
const MAX_KEPT_CONSOLE_LINES = RESULT_LIMITS.consoleLines * 2;

/**
 * Turns the engine's callbacks into our result shapes, and decides retries.
 *
 * Retries: the engine has no per-request retry. A failed attempt is re-run by the engine's own
 * flow control, `setNextRequest`: in the `test` callback (after the request, its assertions and
 * scripts), a failed attempt gets one more entry appended to the test results, naming its own item
 * as the next request. The engine reads that array right after the callback and runs the same item
 * again, inside the same run: variables, cookies, folder scripts, the delay and abort all behave as
 * for any request. A separate engine run per retry would lose collection variables and cookies.
 * Relying on that array being shared is engine-internal (7.56.1); the retry test guards it.
 */
export class RunRecorder {
  readonly executions: RequestExecution[] = [];
  readonly consoleLines: ConsoleLine[] = [];
  droppedConsoleLines = 0;
  /** Every collection request attempt sent, retries included. */
  requestCount = 0;

  private readonly attempts = new Map<string, Attempt>();
  private retrying: { itemId: string; number: number; slot: number | null } | null = null;
  private stopped = false;

  constructor(
    private readonly maxRetries: number,
    private readonly describeRequestError: (err: Error) => string,
  ) {}

  stage(message: string): void {
    this.log("stage", message);
  }

  /** After an abort, failed attempts are no longer retried. */
  stopRetrying(): void {
    this.stopped = true;
  }

  callbacks(): Required<Omit<Callbacks, "done">> {
    return {
      beforeItem: (_err, cursor, item) => {
        const retry = this.retrying?.itemId === item.id ? this.retrying : null;
        this.retrying = null;
        this.attempts.set(cursor.ref, {
          itemId: item.id,
          requestName: item.name || "Untitled request",
          number: retry?.number ?? 1,
          slot: retry?.slot ?? null,
          requestError: null,
          scriptErrors: [],
          assertions: [],
        });
      },
      request: (err, cursor, response, request) => {
        const attempt = this.attemptAt(cursor);
        if (!attempt) return;
        this.requestCount += 1;
        attempt.requestError = err ? this.describeRequestError(err) : null;
        const code = response?.code;
        const execution: RequestExecution = {
          position: 0,
          requestName: attempt.requestName,
          method: (request.method ?? "GET").slice(0, 20),
          url: request.url.toString(),
          statusCode: typeof code === "number" && code >= 100 && code <= 999 ? code : null,
          responseTimeMs: response ? Math.max(0, Math.round(response.responseTime)) : null,
          responseSizeBytes: response ? Math.max(0, Math.round(response.size().body)) : null,
          error: null,
          assertions: attempt.assertions,
        };
        attempt.slot ??= this.executions.length;
        execution.position = attempt.slot;
        this.executions[attempt.slot] = execution;
        this.refreshError(attempt);
      },
      assertion: (cursor, assertions) => {
        const attempt = this.attemptAt(cursor);
        for (const assertion of assertions) {
          if (assertion.skipped) continue;
          attempt?.assertions.push({
            name: assertion.name,
            passed: assertion.passed,
            errorMessage: assertion.passed ? null : (assertion.error?.message ?? "assertion failed"),
          });
        }
      },
      script: (err, cursor, _result, _script, event) => {
        const attempt = this.attemptAt(cursor);
        if (!err || !attempt) return;
        const where = event.listen === "prerequest" ? "Pre-request script" : "Test script";
        attempt.scriptErrors.push(`${where} error: ${describeScriptError(err)}`);
        this.refreshError(attempt);
      },
      test: (_err, cursor, results, item) => {
        const attempt = this.attemptAt(cursor);
        if (!attempt || this.stopped || attempt.number > this.maxRetries) return;
        const reason = failureOf(attempt);
        if (!reason) return;
        this.retrying = { itemId: item.id, number: attempt.number + 1, slot: attempt.slot };
        results.push({ result: { return: { nextRequest: item.id } } });
        this.stage(`Retrying "${attempt.requestName}" (attempt ${attempt.number + 1} of ${this.maxRetries + 1}): ${reason}`);
      },
      console: (_cursor, level, ...messages) => {
        if (level === "clear") return;
        const known = CONSOLE_LEVELS.has(level as ConsoleLine["level"]);
        this.log(known ? (level as ConsoleLine["level"]) : "log", formatConsoleArgs(messages));
      },
    };
  }

  private attemptAt(cursor: Cursor): Attempt | undefined {
    return this.attempts.get(cursor.ref);
  }

  private refreshError(attempt: Attempt): void {
    if (attempt.slot === null) return;
    const execution = this.executions[attempt.slot];
    if (!execution) return;
    const errors = [attempt.requestError, ...attempt.scriptErrors].filter((e): e is string => Boolean(e));
    execution.error = errors.length > 0 ? errors.join("; ") : null;
  }

  private log(level: ConsoleLine["level"], message: string): void {
    if (this.consoleLines.length >= MAX_KEPT_CONSOLE_LINES) {
      this.droppedConsoleLines += 1;
      return;
    }
    this.consoleLines.push({ level, message, loggedAt: new Date().toISOString() });
  }
}

function failureOf(attempt: Attempt): string | null {
  if (attempt.requestError) return attempt.requestError;
  if (attempt.scriptErrors[0]) return attempt.scriptErrors[0];
  const failed = attempt.assertions.find((a) => !a.passed);
  return failed ? `test "${failed.name}" failed` : null;
}

function describeScriptError(err: ScriptError): string {
  const message = err.message ?? "unknown error";
  return err.name && err.name !== "Error" ? `${err.name}: ${message}` : message;
}
