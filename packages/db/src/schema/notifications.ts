import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { notificationChannel, notificationKind, notificationStatus, type RunOutcome } from "./enums";
import { teamId } from "./identity";
import { monitors } from "./monitors";
import { runners } from "./runners";
import { runs } from "./runs";

/**
 * Where a monitor stands for alerting: how many runs in a row failed, and whether a failure was
 * notified (so the next success sends a recovery). Kept apart from `monitors`, whose rows the
 * scheduler locks, so storing a result never waits on (or deadlocks with) scheduling.
 */
export const monitorAlertStates = pgTable("monitor_alert_states", {
  monitorId: uuid()
    .primaryKey()
    .references(() => monitors.id, { onDelete: "cascade" }),
  teamId: teamId(),
  consecutiveFailures: integer().notNull().default(0),
  /** A failure of the current streak was notified: the next success sends a recovery. */
  alerting: boolean().notNull().default(false),
  /** The newest run that counted; an older run reported late changes nothing. */
  lastScheduledFor: timestamp({ withTimezone: true }),
  updatedAt: updatedAt(),
});

export type NotifiedTest = { request: string; test: string; message: string | null };

/** What a notification says, decided when it was queued; rendered into email and webhook bodies when sent. */
export type NotificationPayload =
  | {
      kind: "run_failed" | "run_recovered";
      monitor: { id: string; name: string; workspaceId: string };
      run: {
        id: string;
        outcome: RunOutcome;
        errorMessage: string | null;
        type: "scheduled" | "manual" | "api";
        runnerName: string;
        finishedAt: string;
      };
      failedTests: NotifiedTest[];
      /** Failed tests left out of `failedTests` to keep messages short. */
      moreFailedTests: number;
      consecutiveFailures: number;
      stopAfterConsecutiveFailures: number;
    }
  | {
      kind: "runner_offline";
      runner: { id: string; name: string };
      /** The runner's page is Team Settings > Runners, which only Enterprise teams have. */
      runnerPage: boolean;
      lastSeenAt: string;
      healthyWithinSeconds: number;
    };

/**
 * The notification outbox: rows are written in the transaction that decided them (a run's result,
 * a runner going offline) and sent afterwards by the dispatch loop, so a slow or failing mail
 * server never holds up storing results. One row per channel, so each is retried on its own.
 */
export const notificationOutbox = pgTable(
  "notification_outbox",
  {
    id: id(),
    teamId: teamId(),
    monitorId: uuid().references(() => monitors.id, { onDelete: "cascade" }),
    runnerId: uuid().references(() => runners.id, { onDelete: "cascade" }),
    runId: uuid().references(() => runs.id, { onDelete: "set null" }),
    kind: notificationKind().notNull(),
    channel: notificationChannel().notNull(),
    /** Email recipients (the channel is email). */
    recipients: text().array().notNull().default(sql`'{}'::text[]`),
    /** AES-256-GCM envelope of the webhook's URL (the channel is webhook), as the monitor holds it. Never written to logs. */
    webhookUrl: text(),
    payload: jsonb().$type<NotificationPayload>().notNull(),
    status: notificationStatus().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    /** Pending: the next try. Sending: when the claim lapses, should its process die mid-send. */
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    createdAt: createdAt(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // The notifier's question: what is due to send?
    index("notification_outbox_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} in ('pending', 'sending')`),
    index().on(t.teamId, t.createdAt.desc()),
    index().on(t.monitorId),
    index().on(t.runnerId),
    index().on(t.runId),
  ],
);
