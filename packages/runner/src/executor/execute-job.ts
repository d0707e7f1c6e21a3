import type { Job, RunResult } from "@outpost/contracts";
import postmanRuntime from "postman-runtime";
import type { Run } from "postman-runtime";
import { DEFAULT_BLOCKED_HOSTS, describeRequestError } from "./blocked-hosts";
import { buildCollection, buildRunOptions, countRequests } from "./engine-setup";
import { decideOutcome } from "./outcome";
import { RunRecorder } from "./run-recorder";
import { sanitizeResult } from "./sanitize-result";
import { createSocketTracker } from "./socket-tracker";

export type ExecutableJob = Pick<Job, "collection" | "environment" | "options">;

export interface ExecuteJobOptions {
  /** Stops the run (outcome Abort), e.g. when the runner shuts down or loses the lease. */
  signal?: AbortSignal;
  /**
   * Hosts, IP addresses and CIDR ranges no request may reach: checked on the URL, on every address
   * DNS returns and on every redirect. Replaces DEFAULT_BLOCKED_HOSTS when given.
   */
  blockedHosts?: readonly string[];
  /**
   * The CA certificates the collection's HTTPS requests trust, in place of Node's own list (so
   * pass Node's roots too when adding to them); Node's list when absent.
   */
  trustedCa?: readonly string[];
}

// After an abort, how long to wait for the engine to wind down before reporting anyway. Open
// requests are cut at once; only a script still running in the sandbox can take longer.
const ABORT_GRACE_MS = 1_000;

/**
 * Runs one monitor's collection with Postman's engine and reports it as a RunResult. Never throws
 * for anything the collection does: failures become the result's outcome.
 */
export async function executeJob(job: ExecutableJob, opts: ExecuteJobOptions = {}): Promise<RunResult> {
  const startedAt = new Date();
  const { options } = job;
  const recorder = new RunRecorder(options.retriesOnFailure, (err) => describeRequestError(err, options.requestTimeoutMs));
  const sockets = createSocketTracker({ ca: opts.trustedCa });
  const state: { abortReason: string | null; runError: string | null } = { abortReason: null, runError: null };

  await new Promise<void>((resolve) => {
    let run: Run | null = null;
    let finished = false;
    let graceTimer: NodeJS.Timeout | undefined;

    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(deadline);
      clearTimeout(graceTimer);
      opts.signal?.removeEventListener("abort", onSignal);
      // Keep-alive sockets would otherwise outlive the run.
      sockets.destroyAll();
      resolve();
    };
    const abort = (reason: string) => {
      if (finished || state.abortReason) return;
      state.abortReason = reason;
      recorder.stopRetrying();
      recorder.stage(`Run aborted: ${reason}`);
      run?.abort();
      sockets.destroyAll(new Error("Request cancelled: the run was aborted"));
      graceTimer = setTimeout(finish, ABORT_GRACE_MS);
    };
    const onSignal = () => abort(describeCancellation(opts.signal?.reason));
    const deadline = setTimeout(
      () => abort(`Run stopped after the maximum run duration of ${options.maxRunDurationMs} ms`),
      options.maxRunDurationMs,
    );
    opts.signal?.addEventListener("abort", onSignal, { once: true });
    if (opts.signal?.aborted) {
      onSignal();
      return finish();
    }

    try {
      const collection = buildCollection(job.collection);
      const runOptions = buildRunOptions(options, job.environment, opts.blockedHosts ?? DEFAULT_BLOCKED_HOSTS, sockets);
      recorder.stage(`Run started: "${collection.name || "Untitled collection"}" with ${plural(countRequests(collection), "request")}`);
      new postmanRuntime.Runner().run(collection, runOptions, (err, created) => {
        if (err) {
          state.runError = `The collection could not be run: ${err.message}`;
          return finish();
        }
        // Aborted while the engine was preparing: never start.
        if (state.abortReason) return;
        run = created;
        created.start({
          ...recorder.callbacks(),
          done: (doneErr) => {
            if (doneErr) state.runError = `The run failed: ${doneErr.message}`;
            finish();
          },
        });
      });
    } catch (err) {
      state.runError = `The collection could not be run: ${err instanceof Error ? err.message : String(err)}`;
      finish();
    }
  });

  const finishedAt = new Date();
  const { outcome, errorMessage } = decideOutcome({ ...state, executions: recorder.executions });
  const elapsedMs = finishedAt.getTime() - startedAt.getTime();
  recorder.stage(`Run finished: ${outcome}, ${plural(recorder.requestCount, "request")} sent in ${elapsedMs} ms`);
  const secrets = job.environment.filter((v) => v.secret).map((v) => v.value);
  return sanitizeResult(
    {
      outcome,
      errorMessage,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      requestCount: recorder.requestCount,
      executions: recorder.executions,
      consoleLines: recorder.consoleLines,
    },
    secrets,
    recorder.droppedConsoleLines,
  );
}

function describeCancellation(reason: unknown): string {
  if (reason instanceof Error && reason.name !== "AbortError") return `Run cancelled: ${reason.message}`;
  if (typeof reason === "string" && reason) return `Run cancelled: ${reason}`;
  return "Run cancelled";
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
