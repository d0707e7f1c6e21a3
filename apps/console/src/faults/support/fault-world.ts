// Everything a fault scenario stands on: a throwaway PostgreSQL cluster, the built console started
// on a database there, a team with a private runner, monitors that check a counting target, and
// real `outpost runner start` processes. The test reads and writes the same database directly.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { shareQueueEvents } from "@outpost/api";
import { createRunnerTeam } from "@outpost/api/testing/runner-fixtures";
import { migrateDatabase, monitors, openDatabase, runs } from "@outpost/db";
import { createCollection } from "@outpost/db/testing";
import { healthCheck } from "../../test-support/monitored-runner";
import { killRunners, spawnRunner, type RunnerProcess } from "../../test-support/runner-process";
import { consoleSettings, startConsole, type ConsoleProcess } from "./console-process";
import { startCountingTarget } from "./counting-target";
import { createDatabase, startThrowawayCluster } from "./throwaway-postgres";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** Waits for a clean-up step, but not forever: the cluster must be stopped whatever hangs. */
async function bounded(what: string, step: Promise<unknown>, ms = 10_000) {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      console.warn(`[faults] gave up waiting for ${what}`);
      resolve();
    }, ms);
  });
  await Promise.race([step, late]);
  clearTimeout(timer);
}

export async function createFaultWorld(name: string) {
  const cluster = await startThrowawayCluster();
  const databaseUrl = await createDatabase(cluster, `outpost_faults_${name}`);
  const settings = consoleSettings(databaseUrl, await freePort());
  let console_: ConsoleProcess = await startConsole(settings);
  const handle = openDatabase({ kind: "postgres", url: databaseUrl, poolSize: 4 });
  await migrateDatabase(handle); // already done by the console; a no-op that checks the schema is there
  // Runs queued from this process wake the console's waiting claims, as a console's own would.
  const queueEvents = await shareQueueEvents(handle.pool!);
  const target = await startCountingTarget();
  const team = await createRunnerTeam({ ...handle, name });
  const created = await team.as("admin").runner.create({ name: "Edge", description: "", source: "runner_settings" });
  const runnerDirs: string[] = [];

  /** A monitor on the runner checking a path of its own at the target. */
  async function createMonitor(label: string, minutes: number) {
    const collection = await createCollection(handle.db, team.team.id, team.w1.id, { definition: healthCheck(target.urlFor(label)) });
    return team.as("admin").monitor.create({
      workspaceId: team.w1.id,
      name: label,
      collectionId: collection.id,
      schedule: { kind: "interval", minutes },
      runners: { mode: "manual", runnerIds: [created.runner.id] },
    });
  }

  /** A monitor the console's scheduler runs every minute; its runs share one path at the target. */
  async function scheduleEveryMinute(label: string) {
    const monitor = await createMonitor(label, 1);
    return { monitorId: monitor.id, path: target.pathFor(label) };
  }

  /** A manual run of a monitor of its own: the target's path for it names the run. */
  async function queueRun(): Promise<{ runId: string; path: string }> {
    const label = `r${Math.random().toString(36).slice(2, 10)}`;
    const monitor = await createMonitor(label, 60);
    // Only the run queued here: the scheduler must not add one at the next full hour.
    await handle.db.update(monitors).set({ nextRunAt: sql`now() + interval '7 days'` }).where(eq(monitors.id, monitor.id));
    const { runIds } = await team.as("developer").monitor.runNow({ workspaceId: team.w1.id, monitorId: monitor.id });
    return { runId: runIds[0]!, path: target.pathFor(label) };
  }

  /** A runner data folder that outlives its process: a restarted instance finds its outbox there. */
  function runnerDir() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "outpost-faults-runner-"));
    runnerDirs.push(dir);
    return dir;
  }

  function spawnInstance({ url = console_.url, dataDir = runnerDir(), concurrency = 1 } = {}): RunnerProcess & { dataDir: string } {
    const cli = spawnRunner(url, ["--id", created.runner.id, "--concurrency", String(concurrency)], {
      OUTPOST_RUNNER_KEY: created.key,
      OUTPOST_RUNNER_DATA_DIR: dataDir,
    });
    return Object.assign(cli, { dataDir });
  }

  const allRuns = () => handle.db.select().from(runs).where(eq(runs.teamId, team.team.id));

  return {
    cluster,
    handle,
    db: handle.db,
    target,
    team,
    runner: created.runner,
    console: () => console_,
    consoleUrl: `http://127.0.0.1:${settings.port}`,
    queueRun,
    scheduleEveryMinute,
    runnerDir,
    spawnInstance,
    allRuns,
    /** Stops the console (SIGTERM: clean; SIGKILL: a crash) and starts a new one on the same database and port. */
    async restartConsole(signal: "SIGTERM" | "SIGKILL", whileDown: () => Promise<void> = async () => {}) {
      await console_.stop(signal);
      await whileDown();
      console_ = await startConsole(settings);
    },
    async close() {
      try {
        await killRunners();
        await console_.stop("SIGTERM");
        await bounded("the queue listener to close", queueEvents.close());
        await target.stop();
        await bounded("the database pool to close", handle.close());
      } finally {
        cluster.stop();
        for (const dir of [...runnerDirs, settings.dataDir]) fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export type FaultWorld = Awaited<ReturnType<typeof createFaultWorld>>;

/** Files waiting in a runner's outbox (results finished, not yet taken by the console). */
export function outboxFiles(dataDir: string): string[] {
  const dir = path.join(dataDir, "outbox");
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => !name.startsWith(".")) : [];
}
