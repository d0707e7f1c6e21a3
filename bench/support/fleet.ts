import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface InstanceCredentials {
  runnerId: string;
  key: string;
}

export interface FleetStats {
  registered: number;
  claimsAnswered: number;
  /** Must stay 0: the fleet's runners never have runs queued. */
  jobsReceived: number;
  failures: string[];
}

export type FleetCommand = { type: "start"; url: string; instances: InstanceCredentials[]; spreadMs: number } | { type: "stop" };
export type FleetReport = { type: "ready" | "failed" | "stopped"; stats: FleetStats };

const FLEET_ENTRY = fileURLToPath(new URL("./simulated-fleet.ts", import.meta.url));

/**
 * Starts `instances.length` simulated instances in a child process and resolves once every one has
 * registered and sent its first claim.
 */
export async function startFleet(url: string, instances: InstanceCredentials[], spreadMs = 1_000) {
  // The child inherits this process's flags, so it loads TypeScript the same way (tsx).
  const child = fork(FLEET_ENTRY, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const nextReport = () =>
    new Promise<FleetReport>((resolve, reject) => {
      child.once("message", (report: FleetReport) => resolve(report));
      child.once("exit", (code) => reject(new Error(`The simulated fleet exited early (code ${code})`)));
    });

  const started = nextReport();
  child.send({ type: "start", url, instances, spreadMs } satisfies FleetCommand);
  const report = await started;
  if (report.type !== "ready") {
    child.kill();
    throw new Error(`The simulated fleet did not start: ${report.stats.failures.slice(0, 3).join("; ")}`);
  }
  return {
    pid: child.pid!,
    /** Ends every long-poll and the process; resolves to what the fleet saw. */
    async stop(): Promise<FleetStats> {
      const stopped = nextReport();
      child.send({ type: "stop" } satisfies FleetCommand);
      return (await stopped).stats;
    },
  };
}
