// A fleet of simulated runner instances in a process of its own, so their work does not share the
// console's event loop. Each speaks protocol v1 over HTTP for real: it registers, then keeps a
// claim long-poll open, for a runner that never has runs queued (so it never takes the measured
// runner's runs). Driven over IPC by fleet.ts.
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { ClaimRunsResponse, RunnerRoutes } from "@outpost/contracts";
import type { FleetCommand, FleetReport, FleetStats } from "./fleet";
import { post, registerInstance, type ProtocolInstance } from "./protocol-client";

const CLAIM_WAIT_MS = 25_000;
/** As the real client does: a claim may be held for waitMs, so its answer gets this much on top. */
const CLAIM_MARGIN_MS = 10_000;

const stats: FleetStats = { registered: 0, claimsAnswered: 0, jobsReceived: 0, failures: [] };
const stopping = new AbortController();
const send = (report: FleetReport, then: () => void = () => {}) => process.send!(report, then);

/** Claims until stopped, the way an idle agent does: a new long-poll as soon as one ends. */
async function claimContinuously(instance: ProtocolInstance) {
  while (!stopping.signal.aborted) {
    try {
      const { jobs } = await post(
        instance,
        RunnerRoutes.claimRuns,
        { instanceId: instance.instanceId, max: 2, waitMs: CLAIM_WAIT_MS },
        (json) => ClaimRunsResponse.parse(json),
        AbortSignal.any([AbortSignal.timeout(CLAIM_WAIT_MS + CLAIM_MARGIN_MS), stopping.signal]),
      );
      stats.claimsAnswered += 1;
      stats.jobsReceived += jobs.length;
    } catch (error) {
      if (stopping.signal.aborted) return;
      stats.failures.push(String(error).slice(0, 300));
      await sleep(1_000);
    }
  }
}

async function start({ url, instances, spreadMs }: Extract<FleetCommand, { type: "start" }>) {
  const fleet = instances.map((credentials): ProtocolInstance => ({ ...credentials, url, instanceId: randomUUID() }));
  await Promise.all(
    fleet.map(async (instance) => {
      await registerInstance(instance, AbortSignal.any([AbortSignal.timeout(30_000), stopping.signal]));
      stats.registered += 1;
    }),
  );
  // Claims started at one instant would re-check the queue in lockstep; real instances start at
  // unrelated times, so their re-checks are spread over the gateway's re-check period.
  const claiming = fleet.map(async (instance, index) => {
    await sleep(Math.round((index / fleet.length) * spreadMs));
    await claimContinuously(instance);
  });
  await sleep(spreadMs);
  send({ type: "ready", stats });
  await Promise.all(claiming);
}

process.on("message", (command: FleetCommand) => {
  if (command.type === "start") {
    start(command).catch((error: unknown) => {
      stats.failures.push(String(error).slice(0, 300));
      send({ type: "failed", stats });
    });
  } else {
    stopping.abort();
    send({ type: "stopped", stats }, () => process.exit(0));
  }
});
