import { StatusDot, type StatusTone } from "@outpost/ui";

export type RunnerHealth = "healthy" | "unhealthy" | "unknown";

const HEALTH: Record<RunnerHealth, { label: string; tone: StatusTone }> = {
  healthy: { label: "Healthy", tone: "green" },
  unhealthy: { label: "Unhealthy", tone: "red" },
  unknown: { label: "Unknown", tone: "slate" },
};

export const HEALTH_LABELS = Object.fromEntries(
  Object.entries(HEALTH).map(([health, { label }]) => [health, label]),
) as Record<RunnerHealth, string>;

export function RunnerHealthDot({ health }: { health: RunnerHealth }) {
  return <StatusDot tone={HEALTH[health].tone} label={HEALTH[health].label} />;
}
