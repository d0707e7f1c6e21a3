import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { runnerMode } from "./enums";
import { teamId, users, workspaceId } from "./identity";
import { runners } from "./runners";

/** A Postman Collection v2.1 document, stored as the user's JSON. */
export const collections = pgTable(
  "collections",
  {
    id: id(),
    teamId: teamId(),
    workspaceId: workspaceId(),
    name: text().notNull(),
    definition: jsonb().$type<Record<string, unknown>>().notNull(),
    createdById: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.workspaceId, t.name)],
);

export const environments = pgTable(
  "environments",
  {
    id: id(),
    teamId: teamId(),
    workspaceId: workspaceId(),
    name: text().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.workspaceId, t.name)],
);

export const environmentVariables = pgTable(
  "environment_variables",
  {
    id: id(),
    environmentId: uuid()
      .notNull()
      .references(() => environments.id, { onDelete: "cascade" }),
    position: integer().notNull(),
    key: text().notNull(),
    secret: boolean().notNull().default(false),
    /** Plain value of a non-secret variable. */
    value: text(),
    /** AES-256-GCM envelope of a secret variable's value; never sent to a browser. */
    encryptedValue: text(),
  },
  (t) => [index().on(t.environmentId, t.position)],
);

export type MonitorSchedule =
  | { kind: "interval"; minutes: number }
  | { kind: "daily"; time: string }
  | { kind: "weekly"; weekday: number; time: string };

export type MonitorOptions = {
  requestTimeoutMs: number | null;
  delayBetweenRequestsMs: number;
  retriesOnFailure: 0 | 1 | 2;
  followRedirects: boolean;
  sslValidation: boolean;
};

export type MonitorNotifications = {
  recipients: string[];
  stopAfterConsecutiveFailures: number;
  /**
   * AES-256-GCM envelope of the webhook's URL (a Slack-style URL is itself a credential); never
   * sent to a browser. Installations from before it was sealed are sealed when the console starts.
   */
  webhookUrl: string | null;
  /** The webhook URL's host, in clear: what the console shows of it. */
  webhookHost?: string | null;
};

export const monitors = pgTable(
  "monitors",
  {
    id: id(),
    teamId: teamId(),
    workspaceId: workspaceId(),
    name: text().notNull(),
    collectionId: uuid()
      .notNull()
      .references(() => collections.id, { onDelete: "restrict" }),
    environmentId: uuid().references(() => environments.id, { onDelete: "set null" }),
    schedule: jsonb().$type<MonitorSchedule>().notNull(),
    timezone: text().notNull().default("UTC"),
    runnerMode: runnerMode().notNull().default("auto"),
    options: jsonb().$type<MonitorOptions>().notNull(),
    notifications: jsonb().$type<MonitorNotifications>().notNull(),
    paused: boolean().notNull().default(false),
    /** Why the system paused the monitor (for example the free plan's quota), shown to users. */
    pausedReason: text(),
    /** Set while the system holds the monitor paused for the team's request quota; it resumes by itself. */
    quotaPausedAt: timestamp({ withTimezone: true }),
    nextRunAt: timestamp({ withTimezone: true }),
    createdById: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // The scheduler's question: which active monitors are due?
    index("monitors_due_idx").on(t.nextRunAt).where(sql`${t.paused} = false`),
    index().on(t.workspaceId, t.name),
    // The scheduler's other question: which quota-paused monitors may run again?
    index("monitors_quota_paused_idx").on(t.teamId).where(sql`${t.quotaPausedAt} is not null`),
  ],
);

/** The private runners a Manually Select monitor runs on. */
export const monitorRunners = pgTable(
  "monitor_runners",
  {
    monitorId: uuid()
      .notNull()
      .references(() => monitors.id, { onDelete: "cascade" }),
    runnerId: uuid()
      .notNull()
      .references(() => runners.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.monitorId, t.runnerId] }), index().on(t.runnerId)],
);
