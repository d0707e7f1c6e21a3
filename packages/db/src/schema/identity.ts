import { boolean, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { teamPlan, teamRole, workspaceRole, workspaceType } from "./enums";

export const users = pgTable("users", {
  id: id(),
  /** Always stored lower-cased; sign-in compares lower-cased input. */
  email: text().notNull().unique(),
  name: text().notNull(),
  /** argon2id PHC string; null for users who only sign in through an OAuth/OIDC provider. */
  passwordHash: text(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Links an external identity (OAuth/OIDC) to a user. */
export const accounts = pgTable(
  "accounts",
  {
    provider: text().notNull(),
    providerAccountId: text().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] }), index().on(t.userId)],
);

export const teams = pgTable("teams", {
  id: id(),
  slug: text().notNull().unique(),
  name: text().notNull(),
  plan: teamPlan().notNull().default("free"),
  /** On enterprise, private API monitoring must be switched on by the installation's operator. */
  privateMonitoringEnabled: boolean().notNull().default(false),
  /** Paid plans run on past the monthly quota unless an admin turns this off. */
  overageAllowed: boolean().notNull().default(true),
  /** Monthly monitor requests, set by the installation's operator; null: the plan's default. */
  requestQuota: integer(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** The owning team of a row: deleting a team deletes everything it owns. */
export const teamId = () =>
  uuid()
    .notNull()
    .references(() => teams.id, { onDelete: "cascade" });

export const teamMembers = pgTable(
  "team_members",
  {
    teamId: teamId(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: teamRole().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index().on(t.userId)],
);

export const workspaces = pgTable(
  "workspaces",
  {
    id: id(),
    teamId: teamId(),
    name: text().notNull(),
    type: workspaceType().notNull(),
    /** The owner of a personal workspace; null for internal and public ones. */
    ownerId: uuid().references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.teamId, t.type), uniqueIndex().on(t.teamId, t.name)],
);

/** The workspace a row lives in, deleted with it. */
export const workspaceId = () =>
  uuid()
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" });

export const workspaceMembers = pgTable(
  "workspace_members",
  {
    workspaceId: workspaceId(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: workspaceRole().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index().on(t.userId)],
);
