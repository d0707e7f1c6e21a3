import { eq } from "drizzle-orm";
import { runners, type Executor } from "@outpost/db";
import { z } from "zod";
import { notFound } from "../errors";
import type { TeamScope } from "../scope";
import { assertPrivateMonitoring } from "../team/private-monitoring";
import { selectRunners } from "./select";

export const KEY_PLACEHOLDER = "<runner key>";

export type InstallCommands = { cli: string; docker: string };

/** The commands that start a runner: the CLI, and the same in a container. */
export function installCommands(publicUrl: string, runnerId: string, key: string = KEY_PLACEHOLDER): InstallCommands {
  return {
    cli: `outpost runner start --url ${publicUrl} --id ${runnerId} --key ${key}`,
    docker: [
      "docker run -d --name outpost-runner --restart unless-stopped",
      `-e OUTPOST_RUNNER_KEY=${key}`,
      `outpost/runner runner start --url ${publicUrl} --id ${runnerId}`,
    ].join(" "),
  };
}

export const InstallCommandInput = z.object({ runnerId: z.uuid() });

/** The install command again, for a runner that exists: without its key, which is never shown twice. */
export async function getInstallCommand(
  db: Executor,
  scope: TeamScope,
  publicUrl: string,
  input: z.infer<typeof InstallCommandInput>,
) {
  assertPrivateMonitoring(scope.team);
  const [runner] = await selectRunners(db, scope.team.id, eq(runners.id, input.runnerId));
  if (!runner) throw notFound("Runner");
  return { runnerId: runner.id, keyLast4: runner.keyLast4, commands: installCommands(publicUrl, runner.id) };
}
