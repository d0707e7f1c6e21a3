import type { NotificationPayload, RunOutcome } from "@outpost/db";

const OUTCOME_LABELS: Record<RunOutcome, string> = {
  successful: "Successful",
  failure: "Failure",
  error: "Error",
  abort: "Abort",
};

const RUN_TYPES = { scheduled: "scheduled", manual: "manual (Run now)", api: "API" };

export type RenderedNotification = {
  subject: string;
  /** Paragraphs; a paragraph given as a list is shown as bullets. */
  blocks: Array<string | string[]>;
  link: { label: string; url: string };
  /** The Slack-compatible webhook body: `text` for chat tools, structured fields for everything else. */
  webhook: Record<string, unknown>;
};

/** "Error: runner lost" reads as "runner lost" after "could not complete its run:". */
const errorReason = (message: string | null) => (message ?? "").replace(/^Error:\s*/, "").replace(/\.$/, "") || "an unknown error";
const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
const ordinal = (n: number) => {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
  return `${n}${suffix}`;
};

/** What a notification says, from the payload decided when it was queued. Contains no secret values. */
export function renderNotification(payload: NotificationPayload, publicUrl: string): RenderedNotification {
  const base = publicUrl.replace(/\/$/, "");
  if (payload.kind === "runner_offline") {
    const url = payload.runnerPage ? `${base}/team-settings/runners/${payload.runner.id}` : `${base}/`;
    const subject = `[Outpost] Runner offline: ${payload.runner.name}`;
    const blocks = [
      `Runner "${payload.runner.name}" is offline: none of its instances has reached Outpost since ${when(payload.lastSeenAt)} (more than ${payload.healthyWithinSeconds} seconds).`,
      "Monitors that run on it wait in its queue until an instance reconnects; runs nobody picks up end as Error.",
      "You won't hear about this runner again until it has been healthy in between.",
    ];
    return {
      subject,
      blocks,
      link: { label: payload.runnerPage ? "Open the runner" : "Open Outpost", url },
      webhook: {
        text: `Runner offline: ${payload.runner.name}: no contact since ${when(payload.lastSeenAt)}. ${url}`,
        event: "runner.offline",
        runner: { ...payload.runner, lastSeenAt: payload.lastSeenAt },
        url,
      },
    };
  }

  const { monitor, run } = payload;
  const url = `${base}/workspaces/${monitor.workspaceId}/monitors/${monitor.id}`;
  const ranAt = `The ${RUN_TYPES[run.type]} run on ${run.runnerName} finished at ${when(run.finishedAt)}.`;
  const structured = {
    monitor: { id: monitor.id, name: monitor.name, url },
    run: { id: run.id, outcome: run.outcome, errorMessage: run.errorMessage, type: run.type, runner: run.runnerName, finishedAt: run.finishedAt },
    consecutiveFailures: payload.consecutiveFailures,
    stopAfterConsecutiveFailures: payload.stopAfterConsecutiveFailures,
    url,
  };

  if (payload.kind === "run_recovered") {
    const subject = `[Outpost] Recovered: ${monitor.name}`;
    const after = `after ${plural(payload.consecutiveFailures, "failed run")}`;
    return {
      subject,
      blocks: [`${monitor.name} is passing again: the latest run was Successful ${after}.`, ranAt],
      link: { label: "Open the monitor", url },
      webhook: { text: `Recovered: ${monitor.name} is passing again ${after}. ${url}`, event: "monitor.recovered", ...structured },
    };
  }

  const outcome = OUTCOME_LABELS[run.outcome];
  const subject = `[Outpost] ${outcome}: ${monitor.name}`;
  const failedCount = payload.failedTests.length + payload.moreFailedTests;
  const summary =
    run.outcome === "failure"
      ? `${monitor.name} failed: ${plural(failedCount, "test")} did not pass.`
      : run.outcome === "abort"
        ? `${monitor.name} was aborted: the run took too long.${run.errorMessage ? ` ${run.errorMessage}` : ""}`
        : `${monitor.name} could not complete its run: ${errorReason(run.errorMessage)}.`;
  const tests = payload.failedTests.map(
    (test) => `${test.request} › ${test.test}${test.message ? `: ${test.message}` : ""}`,
  );
  if (payload.moreFailedTests > 0) tests.push(`…and ${payload.moreFailedTests} more`);
  const streak =
    payload.consecutiveFailures >= payload.stopAfterConsecutiveFailures
      ? `This is the ${ordinal(payload.consecutiveFailures)} failed run in a row: no more failure notifications until the monitor recovers.`
      : `Failed runs in a row: ${payload.consecutiveFailures}. Notifications stop after ${payload.stopAfterConsecutiveFailures}; you'll hear when it recovers.`;
  return {
    subject,
    blocks: [summary, ...(tests.length > 0 ? [tests] : []), ranAt, streak],
    link: { label: "Open the monitor", url },
    webhook: {
      text: `${outcome}: ${summary}${tests.length > 0 ? `\n${tests.map((line) => `• ${line}`).join("\n")}` : ""}\n${url}`,
      event: "monitor.failed",
      ...structured,
      failedTests: payload.failedTests,
      moreFailedTests: payload.moreFailedTests,
    },
  };
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** The email: plain text, and the same content as simple HTML. */
export function renderEmail(rendered: RenderedNotification): { subject: string; text: string; html: string } {
  const text = [
    ...rendered.blocks.map((block) => (Array.isArray(block) ? block.map((line) => `  - ${line}`).join("\n") : block)),
    `${rendered.link.label}: ${rendered.link.url}`,
  ].join("\n\n");
  const html = [
    `<div style="font-family: -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; font-size: 14px; color: #0f172a; line-height: 1.5">`,
    ...rendered.blocks.map((block) =>
      Array.isArray(block)
        ? `<ul>${block.map((line) => `<li>${escapeHtml(line)}</li>`).join("")}</ul>`
        : `<p>${escapeHtml(block)}</p>`,
    ),
    `<p><a href="${escapeHtml(rendered.link.url)}" style="color: #4338ca">${escapeHtml(rendered.link.label)}</a></p>`,
    `<p style="color: #64748b; font-size: 12px">Sent by Outpost.</p>`,
    `</div>`,
  ].join("\n");
  return { subject: rendered.subject, text: `${text}\n\nSent by Outpost.\n`, html };
}
