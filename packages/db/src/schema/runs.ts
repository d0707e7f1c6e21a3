import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { consoleLevel, runOutcome, runStatus, runType } from "./enums";
import { teamId, teams, users } from "./identity";
import { monitors } from "./monitors";
import { runnerInstances, runners } from "./runners";

/** The console's built-in hosted runner has no row; its runs have a null runner_id. */
const HOSTED_RUNNER_SLOT = sql`'00000000-0000-0000-0000-000000000000'::uuid`;

export const runs = pgTable(
  "runs",
  {
    id: id(),
    teamId: teamId(),
    monitorId: uuid()
      .notNull()
      .references(() => monitors.id, { onDelete: "cascade" }),
    /** Null: the console's hosted runner (Auto-select). */
    runnerId: uuid().references(() => runners.id, { onDelete: "set null" }),
    instanceId: uuid().references(() => runnerInstances.id, { onDelete: "set null" }),
    type: runType().notNull(),
    status: runStatus().notNull().default("queued"),
    outcome: runOutcome(),
    errorMessage: text(),
    /** How many times an instance has claimed this run (a lapsed lease hands it back once). */
    attempt: integer().notNull().default(0),
    leaseId: uuid(),
    leaseExpiresAt: timestamp({ withTimezone: true }),
    scheduledFor: timestamp({ withTimezone: true }).notNull(),
    queuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    requestCount: integer().notNull().default(0),
    durationMs: integer(),
    triggeredById: uuid().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    // A runner's queue, oldest first.
    index("runs_queue_idx").on(t.runnerId, t.queuedAt).where(sql`${t.status} = 'queued'`),
    // Lapsed leases, for the sweeper.
    index("runs_lease_idx").on(t.leaseExpiresAt).where(sql`${t.status} = 'running'`),
    // A monitor's runs by time (results pages).
    index("runs_monitor_time_idx").on(t.monitorId, t.scheduledFor.desc()),
    // A team's finished runs by time (the usage page's per-monitor requests this period).
    index("runs_team_finished_idx").on(t.teamId, t.finishedAt).where(sql`${t.status} = 'finished'`),
    // Never two runs of one monitor in flight on one runner (the hosted runner counts as one).
    uniqueIndex("runs_one_in_flight_idx")
      .on(t.monitorId, sql`coalesce(${t.runnerId}, ${HOSTED_RUNNER_SLOT})`)
      .where(sql`${t.status} <> 'finished'`),
  ],
);

export const requestExecutions = pgTable(
  "request_executions",
  {
    id: id(),
    runId: uuid()
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    position: integer().notNull(),
    requestName: text().notNull(),
    method: text().notNull(),
    url: text().notNull(),
    statusCode: integer(),
    responseTimeMs: integer(),
    responseSizeBytes: integer(),
    error: text(),
  },
  (t) => [index().on(t.runId, t.position)],
);

export const assertions = pgTable(
  "assertions",
  {
    id: id(),
    runId: uuid()
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    executionId: uuid()
      .notNull()
      .references(() => requestExecutions.id, { onDelete: "cascade" }),
    position: integer().notNull(),
    name: text().notNull(),
    passed: boolean().notNull(),
    errorMessage: text(),
  },
  (t) => [index().on(t.executionId, t.position), index().on(t.runId)],
);

export const consoleLines = pgTable(
  "console_lines",
  {
    id: id(),
    runId: uuid()
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    position: integer().notNull(),
    level: consoleLevel().notNull(),
    message: text().notNull(),
    loggedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.runId, t.position)],
);

/** Monitor requests sent per team per calendar month (UTC), the plan quota's meter. */
export const usageMonths = pgTable(
  "usage_months",
  {
    teamId: teamId(),
    month: date({ mode: "string" }).notNull(),
    requestCount: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.month] })],
);

/** Who changed what. Secrets never appear in `details`. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: id(),
    /** Null for installation-wide events. */
    teamId: uuid().references(() => teams.id, { onDelete: "cascade" }),
    actorUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    /** How the actor is shown when there is no user, e.g. "operator (outpost-admin)". */
    actorLabel: text().notNull(),
    action: text().notNull(),
    targetType: text().notNull(),
    targetId: text(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.teamId, t.createdAt.desc()), index().on(t.targetType, t.targetId)],
);
