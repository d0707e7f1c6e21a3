import { eq } from "drizzle-orm";
import { monitors, type Executor } from "@outpost/db";
import { z } from "zod";
import { notFound } from "../errors";
import type { TeamScope } from "../scope";
import { selectMonitors } from "./select";

export const MonitorIdInput = z.object({ monitorId: z.uuid() });

export async function getMonitor(db: Executor, scope: TeamScope, workspace: { id: string }, input: z.output<typeof MonitorIdInput>) {
  const [monitor] = await selectMonitors(db, scope.team.id, workspace.id, eq(monitors.id, input.monitorId));
  if (!monitor) throw notFound("Monitor");
  return monitor;
}
