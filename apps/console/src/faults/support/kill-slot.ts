// One seat of the kill scenario: a runner process (one run at a time) behind a TCP cutter of its
// own, killed at a random point of a random share of the runs it starts and started again on the
// same data folder, so a result it had finished is still in its outbox.
import { until } from "../../test-support/until";
import { startTcpCutter } from "../../test-support/tcp-cutter";
import type { RunnerLogLine } from "../../test-support/runner-process";
import type { FaultWorld } from "./fault-world";
import { outboxFiles } from "./fault-world";
import { createPrng } from "./prng";

export const KILL_POINTS = ["claimed", "mid-request", "after-finish"] as const;
export type KillPoint = (typeof KILL_POINTS)[number];
export type Kill = { point: KillPoint; runId: string; attempt: number; at: number };

export type KillPlan = {
  /** Takes a kill from the shared budget; false once the budget is spent. */
  takeKill: () => boolean;
  record: (kill: Kill) => void;
  /** The path at the target of a run (its monitor's). */
  pathOf: (runId: string) => string | undefined;
  /** True once the scenario is over: the seat stops its runner and returns. */
  finished: () => boolean;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runKillSlot(world: FaultWorld, seed: number, plan: KillPlan) {
  const prng = createPrng(seed);
  const cutter = await startTcpCutter({ port: Number(new URL(world.consoleUrl).port) });
  const dataDir = world.runnerDir();
  let cli = world.spawnInstance({ url: cutter.url, dataDir });
  const handled = new Set<string>();
  const alive = () => cli.child.exitCode === null && cli.child.signalCode === null;

  const nextStart = (): RunnerLogLine | undefined =>
    cli.logs().find((line) => line.msg === "run started" && !handled.has(`${line.runId}/${line.attempt}`));
  const heldRequest = (path: string) => until(`the request of ${path} to reach the target`, 30_000, () => world.target.heldOn(path));

  /** The next run this seat's process started, or undefined once the scenario is over. */
  async function waitForStart() {
    while (!plan.finished()) {
      const started = nextStart();
      if (started) return started;
      if (!alive()) throw new Error(`A runner exited unasked:\n${cli.output.stderr.slice(-2000)}`);
      await sleep(50);
    }
    return undefined;
  }

  async function kill(point: KillPoint, started: RunnerLogLine) {
    cli.child.kill("SIGKILL");
    await cli.exited;
    plan.record({ point, runId: String(started.runId), attempt: Number(started.attempt), at: Date.now() });
    cli = world.spawnInstance({ url: cutter.url, dataDir });
  }

  try {
    for (;;) {
      const started = await waitForStart();
      if (!started) break;
      handled.add(`${started.runId}/${started.attempt}`);
      const path = plan.pathOf(String(started.runId));
      if (!path) throw new Error(`Run ${started.runId} was not queued by the scenario`);
      // Three runs in four are killed; the fourth finishes, so results keep flowing alongside.
      const point = prng.next() < 0.75 ? KILL_POINTS[prng.int(0, KILL_POINTS.length - 1)]! : undefined;
      if (!point || !plan.takeKill()) {
        await heldRequest(path);
        world.target.answer(path);
        continue;
      }
      if (point === "claimed") {
        // Anywhere from just after the claim to the request being on its way.
        await sleep(prng.int(0, 40));
      } else if (point === "mid-request") {
        await heldRequest(path);
        await sleep(prng.int(0, 150));
      } else {
        // The result must be finished and on disk, but not delivered: cut the way to the console first.
        await heldRequest(path);
        cutter.cut();
        const before = new Set(outboxFiles(dataDir));
        world.target.answer(path);
        await until("the result to be kept in the outbox", 30_000, () =>
          outboxFiles(dataDir).some((name) => !before.has(name)) ? true : undefined,
        );
      }
      await kill(point, started);
      cutter.restore();
    }
  } finally {
    if (alive()) cli.child.kill("SIGTERM");
    await cli.exited;
    await cutter.close();
  }
}
