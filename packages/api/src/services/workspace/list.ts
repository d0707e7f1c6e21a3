import { asc } from "drizzle-orm";
import { workspaces, type Executor } from "@outpost/db";
import { accessibleWorkspaceFilter, accessibleWorkspaces, type Actor } from "./access";

/** The workspaces of the actor's team that the actor may open, with the actor's role in each. */
export function listWorkspaces(db: Executor, actor: Actor) {
  return accessibleWorkspaces(db, actor)
    .where(accessibleWorkspaceFilter(actor))
    .orderBy(asc(workspaces.type), asc(workspaces.name));
}
