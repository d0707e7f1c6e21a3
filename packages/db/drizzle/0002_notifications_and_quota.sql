CREATE TYPE "public"."notification_channel" AS ENUM('email', 'webhook');--> statement-breakpoint
CREATE TYPE "public"."notification_kind" AS ENUM('run_failed', 'run_recovered', 'runner_offline');--> statement-breakpoint
CREATE TYPE "public"."notification_status" AS ENUM('pending', 'sending', 'sent', 'failed', 'not_sent');--> statement-breakpoint
CREATE TABLE "monitor_alert_states" (
	"monitor_id" uuid PRIMARY KEY NOT NULL,
	"team_id" uuid NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"alerting" boolean DEFAULT false NOT NULL,
	"last_scheduled_for" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"monitor_id" uuid,
	"runner_id" uuid,
	"run_id" uuid,
	"kind" "notification_kind" NOT NULL,
	"channel" "notification_channel" NOT NULL,
	"recipients" text[] DEFAULT '{}'::text[] NOT NULL,
	"webhook_url" text,
	"payload" jsonb NOT NULL,
	"status" "notification_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "request_quota" integer;--> statement-breakpoint
ALTER TABLE "runners" ADD COLUMN "offline_notified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "monitors" ADD COLUMN "quota_paused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "monitor_alert_states" ADD CONSTRAINT "monitor_alert_states_monitor_id_monitors_id_fk" FOREIGN KEY ("monitor_id") REFERENCES "public"."monitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitor_alert_states" ADD CONSTRAINT "monitor_alert_states_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_monitor_id_monitors_id_fk" FOREIGN KEY ("monitor_id") REFERENCES "public"."monitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_runner_id_runners_id_fk" FOREIGN KEY ("runner_id") REFERENCES "public"."runners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_outbox" ADD CONSTRAINT "notification_outbox_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notification_outbox_due_idx" ON "notification_outbox" USING btree ("next_attempt_at") WHERE "notification_outbox"."status" in ('pending', 'sending');--> statement-breakpoint
CREATE INDEX "notification_outbox_team_id_created_at_index" ON "notification_outbox" USING btree ("team_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notification_outbox_monitor_id_index" ON "notification_outbox" USING btree ("monitor_id");--> statement-breakpoint
CREATE INDEX "notification_outbox_runner_id_index" ON "notification_outbox" USING btree ("runner_id");--> statement-breakpoint
CREATE INDEX "notification_outbox_run_id_index" ON "notification_outbox" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "monitors_quota_paused_idx" ON "monitors" USING btree ("team_id") WHERE "monitors"."quota_paused_at" is not null;--> statement-breakpoint
CREATE INDEX "runs_team_finished_idx" ON "runs" USING btree ("team_id","finished_at") WHERE "runs"."status" = 'finished';--> statement-breakpoint
-- Runners already offline before notifications existed are not announced as newly offline.
UPDATE "runners" SET "offline_notified_at" = now() WHERE "last_seen_at" < now() - interval '90 seconds';