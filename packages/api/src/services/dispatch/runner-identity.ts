import { and, eq, isNull, type SQL } from "drizzle-orm";
import { runnerInstances, runs } from "@outpost/db";
import { issueRunnerKey, runnerKeyMatches } from "../runner/key";

/** The nil UUID names the console's hosted runner, which has no row: its runs have a null runner_id. */
export const HOSTED_RUNNER_ID = "00000000-0000-0000-0000-000000000000";

/** Whom a runner protocol request speaks for: a team's private runner, or the console's hosted runner. */
export type AuthenticatedRunner = { kind: "private"; id: string; teamId: string } | { kind: "hosted" };

/** The runs a runner may claim, renew and report: its own queue; the hosted runner's is every Auto-select run. */
export function runsOf(runner: AuthenticatedRunner): SQL {
  return runner.kind === "hosted" ? isNull(runs.runnerId) : and(eq(runs.runnerId, runner.id), eq(runs.teamId, runner.teamId))!;
}

/** The runner's processes: instance ids never move between runners. */
export function instancesOf(runner: AuthenticatedRunner): SQL {
  return runner.kind === "hosted" ? isNull(runnerInstances.runnerId) : eq(runnerInstances.runnerId, runner.id);
}

/** The queue a runner waits on (null: the hosted runner's), as run events name it. */
export const queueOf = (runner: AuthenticatedRunner) => (runner.kind === "hosted" ? null : runner.id);

export type HostedRunnerCredential = {
  runnerId: string;
  /** Handed to the hosted runner process only, through its environment. */
  key: string;
  accepts: (key: string) => boolean;
};

/**
 * A key for this console process's hosted runner, made at start-up and held in memory only: the
 * hosted runner talks to the process that started it, over loopback, and dies with it.
 */
export function createHostedRunnerCredential(): HostedRunnerCredential {
  const { key, hash } = issueRunnerKey();
  return { runnerId: HOSTED_RUNNER_ID, key, accepts: (presented) => runnerKeyMatches(presented, hash) };
}
