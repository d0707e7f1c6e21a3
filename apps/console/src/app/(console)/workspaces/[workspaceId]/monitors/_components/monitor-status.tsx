import { StatusDot, type StatusTone } from "@outpost/ui";
import type { Schedule } from "./schedule-fields";

export type MonitorStatus = "healthy" | "failing" | "paused" | "no_runs";

const STATUS: Record<MonitorStatus, { label: string; tone: StatusTone }> = {
  healthy: { label: "Healthy", tone: "green" },
  failing: { label: "Failing", tone: "red" },
  paused: { label: "Paused", tone: "amber" },
  no_runs: { label: "No runs yet", tone: "slate" },
};

/** The monitor's status in words; a monitor the system paused also says why (e.g. the plan's quota is used up). */
export function MonitorStatusDot({ status, pausedReason }: { status: MonitorStatus; pausedReason?: string | null }) {
  const dot = <StatusDot tone={STATUS[status].tone} label={STATUS[status].label} />;
  if (status !== "paused" || !pausedReason) return dot;
  return (
    <span className="inline-flex flex-col gap-0.5">
      {dot}
      <span className="min-w-56 max-w-xs text-xs text-amber-800">Paused: {pausedReason}</span>
    </span>
  );
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export function describeSchedule(schedule: Schedule, timezone: string): string {
  if (schedule.kind === "interval") {
    if (schedule.minutes % 60 === 0) {
      const hours = schedule.minutes / 60;
      return hours === 1 ? "Every hour" : `Every ${hours} hours`;
    }
    return schedule.minutes === 1 ? "Every minute" : `Every ${schedule.minutes} minutes`;
  }
  const day = schedule.kind === "weekly" ? `Weekly on ${WEEKDAYS[schedule.weekday]}` : "Daily";
  return `${day} at ${schedule.time} (${timezone})`;
}
