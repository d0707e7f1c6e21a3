import type { TeamPlan } from "@outpost/db";
import { ServiceError } from "../errors";

type PlanFacts = { plan: TeamPlan; privateMonitoringEnabled: boolean };

export type PrivateMonitoringState = "available" | "not_on_plan" | "not_enabled";

/** Private API Monitoring: on Basic and Professional; on Enterprise once the operator enabled it. */
export function privateMonitoringState(team: PlanFacts): PrivateMonitoringState {
  if (team.plan === "free") return "not_on_plan";
  if (team.plan === "enterprise" && !team.privateMonitoringEnabled) return "not_enabled";
  return "available";
}

export function assertPrivateMonitoring(team: PlanFacts) {
  const state = privateMonitoringState(team);
  if (state === "not_on_plan") {
    throw new ServiceError(
      "FORBIDDEN",
      "Private API Monitoring is available with the Basic, Professional and Enterprise plans.",
    );
  }
  if (state === "not_enabled") {
    throw new ServiceError(
      "FORBIDDEN",
      "Private API Monitoring is not enabled for this Enterprise team. Ask the operator of this installation to enable it.",
    );
  }
}

/** Runner settings (Team Settings > Runners) is for Enterprise teams only. */
export function assertRunnerSettings(team: PlanFacts) {
  assertPrivateMonitoring(team);
  if (team.plan !== "enterprise") {
    throw new ServiceError(
      "FORBIDDEN",
      "Runner settings is available with Enterprise plans only. Create runners from the monitor editor: Runners > Manually Select > Add Runner.",
    );
  }
}
