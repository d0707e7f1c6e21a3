import { and, asc, eq } from "drizzle-orm";
import { collections, monitorRunners, runners, type Executor } from "@outpost/db";
import { MAX_FOLDER_DEPTH } from "../collection/limits";
import type { TeamScope } from "../scope";
import { findResultsMonitor } from "./find-monitor";
import { HOSTED_RUNNER_FILTER, type MonitorRef } from "./input";
import type { z } from "zod";

/**
 * What a monitor's results can be filtered by: the requests of its collection (by name, as the
 * runner records them) and the runners it runs on.
 */
export async function listResultsFilterOptions(db: Executor, scope: TeamScope, workspace: { id: string }, input: z.output<typeof MonitorRef>) {
  const monitor = await findResultsMonitor(db, scope, workspace, input.monitorId);
  const [[collection], selected] = await Promise.all([
    db
      .select({ definition: collections.definition })
      .from(collections)
      .where(and(eq(collections.id, monitor.collectionId), eq(collections.teamId, monitor.teamId))),
    db
      .select({ id: runners.id, name: runners.name })
      .from(monitorRunners)
      .innerJoin(runners, eq(runners.id, monitorRunners.runnerId))
      .where(and(eq(monitorRunners.monitorId, monitor.id), eq(runners.teamId, monitor.teamId)))
      .orderBy(asc(runners.name)),
  ]);
  const hosted = { id: HOSTED_RUNNER_FILTER, name: "Hosted runner" };
  return {
    requests: collection ? requestNamesOf(collection.definition) : [],
    runners: monitor.runnerMode === "auto" ? [hosted, ...selected] : selected,
  };
}

/** The names of a collection's requests in run order, each once ("Untitled request" as the runner names a nameless one). */
export function requestNamesOf(definition: unknown): string[] {
  const names = new Set<string>();
  const visit = (items: unknown, depth: number) => {
    if (!Array.isArray(items) || depth > MAX_FOLDER_DEPTH) return;
    for (const item of items) {
      if (typeof item !== "object" || item === null) continue;
      const { name, request, item: children } = item as { name?: unknown; request?: unknown; item?: unknown };
      if (request !== undefined) names.add(typeof name === "string" && name ? name : "Untitled request");
      else visit(children, depth + 1);
    }
  };
  visit((definition as { item?: unknown } | null)?.item, 0);
  return [...names];
}
