import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { runnerVisibility } from "./enums";
import { teamId, users, workspaces } from "./identity";

export const runners = pgTable(
  "runners",
  {
    id: id(),
    teamId: teamId(),
    name: text().notNull(),
    description: text().notNull().default(""),
    /** Hash of the runner key; the plaintext key exists only in the create/reset response. */
    keyHash: text().notNull(),
    /** Shown in the console so an admin can tell which key a runner holds. */
    keyLast4: text().notNull(),
    visibility: runnerVisibility().notNull().default("all_internal_workspaces"),
    /** Set exactly when visibility is selected_workspace. */
    workspaceId: uuid().references(() => workspaces.id, { onDelete: "restrict" }),
    createdById: uuid().references(() => users.id, { onDelete: "set null" }),
    /** Last ping or result from any instance: the source of the runner's health. */
    lastSeenAt: timestamp({ withTimezone: true }),
    /** When admins were told the runner went offline; it is told again only after a sign of life since. */
    offlineNotifiedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index().on(t.teamId, t.name),
    check(
      "runners_workspace_matches_visibility",
      sql`(${t.visibility} = 'selected_workspace') = (${t.workspaceId} is not null)`,
    ),
  ],
);

/** One process started with a runner's ID and key; instances share the runner's queue. */
export const runnerInstances = pgTable(
  "runner_instances",
  {
    /** Random ID the process makes for itself at start-up. */
    id: uuid().primaryKey(),
    /** Null: an instance of the console's hosted runner. */
    runnerId: uuid().references(() => runners.id, { onDelete: "cascade" }),
    hostname: text().notNull(),
    os: text().notNull(),
    runnerVersion: text().notNull(),
    protocolVersion: integer().notNull(),
    firstSeenAt: createdAt(),
    lastPingAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.runnerId, t.lastPingAt)],
);
