// A fleet of simulated runner instances in a process of its own, so their work does not share the
// console's event loop. Each speaks protocol v1 over HTTP for real: it registers, then keeps a
// claim long-poll open, for a runner that never has runs queued (so it never takes the measured
// runner's runs). Driven over IPC by fleet.ts.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import {
  ClaimRunsResponse,
  PROTOCOL_VERSION,
  RegisterInstanceResponse,
  RunnerHeaders,
  RunnerRoutes,
} from "@outpost/contracts";
import type { FleetCommand, FleetReport, FleetStats, InstanceCredentials } from "./fleet";

const CLAIM_WAIT_MS = 25_000;
/** As the real client does: a claim may be held for waitMs, so its answer gets this much on top. */
const CLAIM_MARGIN_MS = 10_000;

type Instance = InstanceCredentials & { url: string; instanceId: string };

const stats: FleetStats = { registered: 0, claimsAnswered: 0, jobsReceived: 0, failures: [] };
const stopping = new AbortController();
const send = (report: FleetReport, then: () => void = () => {}) => process.send!(report, then);

async function post<T>(instance: Instance, path: string, body: unknown, parse: (json: unknown) => T, timeoutMs: number) {
  const response = await fetch(`${instance.url}${path}`, {
    method: "POST",
    headers: {
      [RunnerHeaders.authorization]: `Bearer ${instance.key}`,
      [RunnerHeaders.runnerId]: instance.runnerId,
      [RunnerHeaders.instanceId]: instance.instanceId,
      [RunnerHeaders.protocolVersion]: String(PROTOCOL_VERSION),
      "content-type": "application/json",
    },
    body: JSON.stringify(body),
    signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), stopping.signal]),
  });
  const json: unknown = await response.json();
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${JSON.stringify(json).slice(0, 200)}`);
  return parse(json);
}

async function register(instance: Instance) {
  const body = { instanceId: instance.instanceId, hostname: os.hostname(), os: `${os.platform()} ${os.release()}`, runnerVersion: "bench" };
  await post(instance, RunnerRoutes.registerInstance, body, (json) => RegisterInstanceResponse.parse(json), 30_000);
  stats.registered += 1;
}

/** Claims until stopped, the way an idle agent does: a new long-poll as soon as one ends. */
async function claimContinuously(instance: Instance) {
  while (!stopping.signal.aborted) {
    try {
      const { jobs } = await post(
        instance,
        RunnerRoutes.claimRuns,
        { instanceId: instance.instanceId, max: 2, waitMs: CLAIM_WAIT_MS },
        (json) => ClaimRunsResponse.parse(json),
        CLAIM_WAIT_MS + CLAIM_MARGIN_MS,
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
  const fleet = instances.map((credentials): Instance => ({ ...credentials, url, instanceId: randomUUID() }));
  await Promise.all(fleet.map(register));
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
