import type { TeamRole, WorkspaceRole } from "@outpost/db";

export const TEAM_ADMIN_ROLES: readonly TeamRole[] = ["super_admin", "admin"];

export function isTeamAdmin(role: TeamRole): boolean {
  return TEAM_ADMIN_ROLES.includes(role);
}

/** Billing members see usage only; developers don't see it. */
export const USAGE_ROLES: readonly TeamRole[] = ["super_admin", "admin", "billing"];

export function canSeeUsage(role: TeamRole): boolean {
  return USAGE_ROLES.includes(role);
}

const WORKSPACE_RANK: Record<WorkspaceRole, number> = { viewer: 0, editor: 1, admin: 2 };

/** True when `role` grants at least what `required` grants. */
export function workspaceRoleAtLeast(role: WorkspaceRole, required: WorkspaceRole): boolean {
  return WORKSPACE_RANK[role] >= WORKSPACE_RANK[required];
}

export const TEAM_ROLE_LABELS: Record<TeamRole, string> = {
  super_admin: "Super Admin",
  admin: "Team Admin",
  developer: "Developer",
  billing: "Billing",
};
