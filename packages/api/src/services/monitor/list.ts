import type { Executor } from "@outpost/db";
import type { TeamScope } from "../scope";
import { selectMonitors } from "./select";

export function listMonitors(db: Executor, scope: TeamScope, workspace: { id: string }) {
  return selectMonitors(db, scope.team.id, workspace.id);
}
