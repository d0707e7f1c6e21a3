import { sampleCollectionDefinition } from "@outpost/db/testing";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";
import type { TeamRows } from "./tenancy-world";

/** One call: its input, and any refusal code besides NOT_FOUND and FORBIDDEN that is honest for it. */
export type Variant = { input: unknown; alsoRefusedWith?: TRPC_ERROR_CODE_KEY[] };

export type TenancyCase = {
  /**
   * `refused`: every variant names the other team's rows, and must be refused.
   * `own-data`: the input can name nothing of the other team (lists, the caller's own team); the
   * call may answer, but with none of the other team's ids or names in it.
   */
  expect: "refused" | "own-data";
  variants: (mine: TeamRows, theirs: TeamRows) => Variant[];
};

const v = (input: unknown, ...alsoRefusedWith: TRPC_ERROR_CODE_KEY[]): Variant => ({ input, alsoRefusedWith });
const text = JSON.stringify(sampleCollectionDefinition("Hijacked"));
const fresh = (prefix: string) => `${prefix} ${crypto.randomUUID().slice(0, 8)}`;

/** Their row through their workspace, and through my own workspace (where the caller has a role). */
const both = (mine: TeamRows, theirs: TeamRows, fields: Record<string, unknown>) => [
  v({ workspaceId: theirs.w1.id, ...fields }),
  v({ workspaceId: mine.w1.id, ...fields }),
];
const monitorFields = (collectionId: string, extra: Record<string, unknown> = {}) => ({
  name: "Hijacked",
  collectionId,
  schedule: { kind: "interval", minutes: 60 },
  ...extra,
});
const onTheirRunner = (theirs: TeamRows) => ({ runners: { mode: "manual", runnerIds: [theirs.runner.id] } });

/** Every procedure of the API, keyed by path. A procedure missing here fails the tenancy test. */
export const TENANCY_CASES: Record<string, TenancyCase> = {
  "collection.list": { expect: "refused", variants: (_, theirs) => [v({ workspaceId: theirs.w1.id })] },
  "collection.get": { expect: "refused", variants: (m, t) => both(m, t, { collectionId: t.collection.id }) },
  "collection.export": { expect: "refused", variants: (m, t) => both(m, t, { collectionId: t.collection.id }) },
  "collection.import": { expect: "refused", variants: (_, t) => [v({ workspaceId: t.w1.id, text })] },
  "collection.create": { expect: "refused", variants: (_, t) => [v({ workspaceId: t.w1.id, name: "Hijacked" })] },
  "collection.save": { expect: "refused", variants: (m, t) => both(m, t, { collectionId: t.collection.id, text }) },
  "collection.delete": { expect: "refused", variants: (m, t) => both(m, t, { collectionId: t.collection.id }) },

  "environment.list": { expect: "refused", variants: (_, t) => [v({ workspaceId: t.w1.id })] },
  "environment.get": { expect: "refused", variants: (m, t) => both(m, t, { environmentId: t.environment.id }) },
  "environment.create": { expect: "refused", variants: (_, t) => [v({ workspaceId: t.w1.id, name: "Hijacked" })] },
  "environment.update": {
    expect: "refused",
    variants: (m, t) => both(m, t, { environmentId: t.environment.id, name: "Hijacked", variables: [] }),
  },
  "environment.delete": { expect: "refused", variants: (m, t) => both(m, t, { environmentId: t.environment.id }) },

  "monitor.list": { expect: "refused", variants: (_, t) => [v({ workspaceId: t.w1.id })] },
  "monitor.get": { expect: "refused", variants: (m, t) => both(m, t, { monitorId: t.monitor.id }) },
  "monitor.activity": { expect: "refused", variants: (m, t) => both(m, t, { monitorId: t.monitor.id }) },
  "monitor.create": {
    expect: "refused",
    variants: (m, t) => [
      v({ workspaceId: t.w1.id, ...monitorFields(t.collection.id) }),
      v({ workspaceId: m.w1.id, ...monitorFields(t.collection.id) }),
      v({ workspaceId: m.w1.id, ...monitorFields(m.collection.id, { environmentId: t.environment.id }) }),
      // Their runner is "not available in this workspace": a validation error, not a lookup.
      v({ workspaceId: m.w1.id, ...monitorFields(m.collection.id, onTheirRunner(t)) }, "BAD_REQUEST"),
    ],
  },
  "monitor.update": {
    expect: "refused",
    variants: (m, t) => [
      ...both(m, t, { monitorId: t.monitor.id, ...monitorFields(m.collection.id) }),
      v({ workspaceId: m.w1.id, monitorId: m.monitor.id, ...monitorFields(t.collection.id) }),
      v({ workspaceId: m.w1.id, monitorId: m.monitor.id, ...monitorFields(m.collection.id, { environmentId: t.environment.id }) }),
      v({ workspaceId: m.w1.id, monitorId: m.monitor.id, ...monitorFields(m.collection.id, onTheirRunner(t)) }, "BAD_REQUEST"),
    ],
  },
  "monitor.setPaused": { expect: "refused", variants: (m, t) => both(m, t, { monitorId: t.monitor.id, paused: true }) },
  "monitor.runNow": { expect: "refused", variants: (m, t) => both(m, t, { monitorId: t.monitor.id }) },
  "monitor.delete": { expect: "refused", variants: (m, t) => both(m, t, { monitorId: t.monitor.id }) },

  "results.summary": { expect: "refused", variants: (m, t) => both(m, t, { monitorId: t.monitor.id }) },
  "results.runs": { expect: "refused", variants: (m, t) => both(m, t, { monitorId: t.monitor.id }) },
  "results.filterOptions": { expect: "refused", variants: (m, t) => both(m, t, { monitorId: t.monitor.id }) },
  "results.run": {
    expect: "refused",
    variants: (m, t) => [
      ...both(m, t, { monitorId: t.monitor.id, runId: t.run.id }),
      v({ workspaceId: m.w1.id, monitorId: m.monitor.id, runId: t.run.id }),
    ],
  },
  "results.dashboard": { expect: "refused", variants: (_, t) => [v({ workspaceId: t.w1.id })] },

  "runner.create": {
    expect: "refused",
    variants: (_, t) => [
      v({ name: "Hijacked", source: "runner_settings", visibility: { visibility: "selected_workspace", workspaceId: t.w1.id } }),
    ],
  },
  "runner.list": { expect: "own-data", variants: (_, t) => [v({}), v({ createdById: t.members.admin.id })] },
  "runner.creators": { expect: "own-data", variants: () => [v(undefined)] },
  "runner.get": { expect: "refused", variants: (_, t) => [v({ runnerId: t.runner.id })] },
  "runner.update": {
    expect: "refused",
    variants: (m, t) => [
      v({ runnerId: t.runner.id, name: "Hijacked" }),
      v({ runnerId: m.runner.id, visibility: { visibility: "selected_workspace", workspaceId: t.w1.id } }),
    ],
  },
  "runner.resetKey": { expect: "refused", variants: (_, t) => [v({ runnerId: t.runner.id })] },
  "runner.delete": { expect: "refused", variants: (_, t) => [v({ runnerId: t.runner.id })] },
  "runner.installCommand": { expect: "refused", variants: (_, t) => [v({ runnerId: t.runner.id })] },
  "runner.listForWorkspace": { expect: "refused", variants: (_, t) => [v({ workspaceId: t.w1.id })] },

  "team.current": { expect: "own-data", variants: () => [v(undefined)] },
  "team.members": { expect: "own-data", variants: () => [v(undefined)] },
  "team.memberships": { expect: "own-data", variants: () => [v(undefined)] },

  "usage.current": { expect: "own-data", variants: () => [v(undefined)] },
  "usage.setOverage": { expect: "own-data", variants: () => [v({ allowed: false }), v({ allowed: true })] },

  "workspace.list": { expect: "own-data", variants: () => [v(undefined)] },
  "workspace.get": { expect: "refused", variants: (_, t) => [v({ workspaceId: t.w1.id })] },
  "workspace.create": { expect: "own-data", variants: () => [v({ name: fresh("Workspace"), type: "internal" })] },
  "workspace.members": { expect: "refused", variants: (_, t) => [v({ workspaceId: t.w1.id })] },
  "workspace.setMember": {
    expect: "refused",
    variants: (m, t) => [
      v({ workspaceId: t.w1.id, userId: t.members.developer.id, role: "admin" }),
      v({ workspaceId: m.w1.id, userId: t.members.developer.id, role: "viewer" }),
    ],
  },
  "workspace.removeMember": {
    expect: "refused",
    variants: (m, t) => [
      v({ workspaceId: t.w1.id, userId: t.members.developer.id }),
      v({ workspaceId: m.w1.id, userId: t.members.developer.id }),
    ],
  },
};

/**
 * Procedures anyone may call signed out. None today: every procedure needs a session. A procedure
 * added here must be public on purpose (and is still checked for leaking the other team's data).
 */
export const PUBLIC_PROCEDURES: readonly string[] = [];
