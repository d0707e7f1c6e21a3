import type { RouterOutputs } from "@outpost/api";
import { Badge, Card, EmptyState, type BadgeTone } from "@outpost/ui";
import { formatBytes, formatMs } from "../../_results/format";

type Run = RouterOutputs["results"]["run"];
type Request = Run["requests"][number];

const statusTone = (code: number): BadgeTone => (code < 300 ? "green" : code < 400 ? "slate" : "red");

/** Each request the run sent, in order, with its status, timing, size and every test's result in words. */
export function TestResults({ run }: { run: Run }) {
  if (run.requests.length === 0) {
    return (
      <EmptyState title={run.status === "finished" ? "No requests were sent" : "No results yet"}>
        {run.status === "finished"
          ? (run.errorMessage ?? "The run ended before it sent a request.")
          : "Test results appear here as soon as the runner reports the run."}
      </EmptyState>
    );
  }
  return (
    <ol className="space-y-4">
      {run.requests.map((request) => (
        <li key={request.position}>
          <RequestResult request={request} />
        </li>
      ))}
    </ol>
  );
}

function RequestResult({ request }: { request: Request }) {
  const failed = request.tests.filter((test) => !test.passed).length;
  return (
    <Card>
      <section aria-label={request.requestName}>
        <div className="flex flex-wrap items-start justify-between gap-x-6 gap-y-2 border-b border-slate-200 px-5 py-3">
          <div className="min-w-0">
            <h3 className="flex items-center gap-2 text-sm font-semibold text-slate-900">
              <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs font-semibold text-slate-700">{request.method}</span>
              {request.requestName}
            </h3>
            <p className="mt-1 break-all font-mono text-xs text-slate-500">{request.url}</p>
          </div>
          <dl className="flex shrink-0 items-center gap-5 text-sm">
            <div className="flex items-center gap-1.5">
              <dt className="text-slate-500">Status</dt>
              <dd>{request.statusCode ? <Badge tone={statusTone(request.statusCode)}>{request.statusCode}</Badge> : <span className="text-slate-400">No response</span>}</dd>
            </div>
            <div className="flex items-center gap-1.5">
              <dt className="text-slate-500">Time</dt>
              <dd className="font-medium tabular-nums text-slate-900">{formatMs(request.responseTimeMs)}</dd>
            </div>
            <div className="flex items-center gap-1.5">
              <dt className="text-slate-500">Size</dt>
              <dd className="font-medium tabular-nums text-slate-900">{formatBytes(request.responseSizeBytes)}</dd>
            </div>
          </dl>
        </div>
        {request.error ? <p className="border-b border-slate-100 bg-red-50 px-5 py-2 text-sm text-red-800">{request.error}</p> : null}
        {request.tests.length === 0 ? (
          <p className="px-5 py-3 text-sm text-slate-500">No tests for this request.</p>
        ) : (
          <>
            <h4 className="sr-only">
              Tests: {request.tests.length - failed} passed, {failed} failed
            </h4>
            <ul className="divide-y divide-slate-100">
              {request.tests.map((test, index) => (
                <li key={index} className="flex items-start gap-3 px-5 py-2.5 text-sm">
                  <span className="w-14 shrink-0">
                    <Badge tone={test.passed ? "green" : "red"}>{test.passed ? "Pass" : "Fail"}</Badge>
                  </span>
                  <div className="min-w-0">
                    <p className="text-slate-900">{test.name}</p>
                    {test.errorMessage ? <p className="mt-0.5 break-words font-mono text-xs text-red-700">{test.errorMessage}</p> : null}
                  </div>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </Card>
  );
}
