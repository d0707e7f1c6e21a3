// The health verdict from what was measured, kept apart from the measuring so it can be tested alone.

/** The dispatch loop ticks once a second; this long without a completed iteration means it is stuck or failing. */
export const SCHEDULER_STALE_MS = 30_000;

export type DatabaseCheck = "ok" | "failing" | "timeout";

export type HealthReport = {
  status: "ok" | "failing" | "closing";
  database: DatabaseCheck;
  scheduler: { status: "ok" | "stale" | "not_started"; lastTickAt: string | null; ageMs: number | null };
};

export function healthReport({
  database,
  lastTickAt,
  closing,
  now = Date.now(),
}: {
  database: DatabaseCheck;
  lastTickAt: Date | null;
  closing: boolean;
  now?: number;
}): HealthReport {
  const ageMs = lastTickAt ? now - lastTickAt.getTime() : null;
  const scheduler: HealthReport["scheduler"] = {
    status: ageMs === null ? "not_started" : ageMs < SCHEDULER_STALE_MS ? "ok" : "stale",
    lastTickAt: lastTickAt?.toISOString() ?? null,
    ageMs,
  };
  const status = closing ? "closing" : database === "ok" && scheduler.status === "ok" ? "ok" : "failing";
  return { status, database, scheduler };
}
