import { pgEnum } from "drizzle-orm/pg-core";

export const teamPlan = pgEnum("team_plan", ["free", "basic", "professional", "enterprise"]);
export const teamRole = pgEnum("team_role", ["super_admin", "admin", "developer", "billing"]);
export const workspaceType = pgEnum("workspace_type", ["internal", "personal", "public"]);
export const workspaceRole = pgEnum("workspace_role", ["admin", "editor", "viewer"]);
export const runnerVisibility = pgEnum("runner_visibility", ["all_internal_workspaces", "selected_workspace"]);
export const runnerMode = pgEnum("runner_mode", ["auto", "manual"]);
export const runType = pgEnum("run_type", ["scheduled", "manual", "api"]);
export const runStatus = pgEnum("run_status", ["queued", "running", "finished"]);
export const runOutcome = pgEnum("run_outcome", ["successful", "failure", "error", "abort"]);
export const consoleLevel = pgEnum("console_level", ["log", "info", "warn", "error", "debug", "stage"]);
export const notificationKind = pgEnum("notification_kind", ["run_failed", "run_recovered", "runner_offline"]);
export const notificationChannel = pgEnum("notification_channel", ["email", "webhook"]);
export const notificationStatus = pgEnum("notification_status", ["pending", "sending", "sent", "failed", "not_sent"]);

export type TeamPlan = (typeof teamPlan.enumValues)[number];
export type TeamRole = (typeof teamRole.enumValues)[number];
export type WorkspaceType = (typeof workspaceType.enumValues)[number];
export type WorkspaceRole = (typeof workspaceRole.enumValues)[number];
export type RunnerVisibility = (typeof runnerVisibility.enumValues)[number];
export type RunOutcome = (typeof runOutcome.enumValues)[number];
export type NotificationKind = (typeof notificationKind.enumValues)[number];
export type NotificationChannel = (typeof notificationChannel.enumValues)[number];
export type NotificationStatus = (typeof notificationStatus.enumValues)[number];
