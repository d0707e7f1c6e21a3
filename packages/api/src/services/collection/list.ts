import { asc } from "drizzle-orm";
import { collections, type Executor } from "@outpost/db";
import type { TeamScope } from "../scope";
import { selectCollections } from "./select";

/** The workspace's collections by name, each with how many requests it holds. */
export function listCollections(db: Executor, scope: TeamScope, workspace: { id: string }) {
  return selectCollections(db, scope.team.id, workspace.id).orderBy(asc(collections.name), asc(collections.id));
}
