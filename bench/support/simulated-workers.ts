// Simulated runner instances that take runs and report results, in a process of their own so their
// work does not share the console's event loop. Protocol v1 over HTTP for real, with the
// contract's schemas; driven over IPC by worker-fleet.ts.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { ClaimRunsResponse, RunnerRoutes, SubmitResultResponse, type Job } from "@outpost/contracts";
import { post, registerInstance, type ProtocolInstance } from "./protocol-client";
import { buildResult, type ResultShape } from "./result-body";
import type { WorkerCommand, WorkerReport, WorkerStats } from "./worker-fleet";

const CLAIM_WAIT_MS = 25_000;
type Start = Extract<WorkerCommand, { type: "start" }>;

const stats: WorkerStats = { registered: 0, claimed: 0, submitted: 0, failures: [] };
const stopping = new AbortController();
/** Results claimed in "hold" mode, serialized ahead of time, per instance. */
const held = new Map<ProtocolInstance, Array<{ runId: string; body: string }>>();
let instances: ProtocolInstance[] = [];
let sequence = 0;
const send = (report: WorkerReport, then: () => void = () => {}) => process.send!(report, then);
const note = (error: unknown) => {
  if (!stopping.signal.aborted && stats.failures.length < 100) stats.failures.push(String(error).slice(0, 300));
};

async function claim(instance: ProtocolInstance, max: number, waitMs: number) {
  const signal = AbortSignal.any([AbortSignal.timeout(waitMs + 10_000), stopping.signal]);
  const { jobs } = await post(instance, RunnerRoutes.claimRuns, { instanceId: instance.instanceId, max, waitMs }, (json) => ClaimRunsResponse.parse(json), signal);
  stats.claimed += jobs.length;
  return jobs;
}

function resultBody(instance: ProtocolInstance, job: Job, shape: ResultShape) {
  return JSON.stringify({ instanceId: instance.instanceId, leaseId: job.lease.id, result: buildResult(job, shape, ++sequence) });
}

async function submit(instance: ProtocolInstance, runId: string, body: string) {
  const signal = AbortSignal.any([AbortSignal.timeout(30_000), stopping.signal]);
  await post(instance, RunnerRoutes.submitResult(runId), body, (json) => SubmitResultResponse.parse(json), signal);
  stats.submitted += 1;
}

/** An agent whose runs take no time: claim, report every result at once, claim again. */
async function work(instance: ProtocolInstance, { claimMax, shape }: Start) {
  while (!stopping.signal.aborted) {
    try {
      const jobs = await claim(instance, claimMax, CLAIM_WAIT_MS);
      await Promise.all(jobs.map((job) => submit(instance, job.runId, resultBody(instance, job, shape)).catch(note)));
    } catch (error) {
      note(error);
      await sleep(1_000);
    }
  }
}

/** Claims until the runner's queue is empty, keeping every lease. Instances of a runner share its queue. */
async function hold(instance: ProtocolInstance, { claimMax, shape }: Start) {
  const mine: Array<{ runId: string; body: string }> = [];
  held.set(instance, mine);
  for (;;) {
    const jobs = await claim(instance, claimMax, 0);
    if (jobs.length === 0) return;
    for (const job of jobs) mine.push({ runId: job.runId, body: resultBody(instance, job, shape) });
  }
}

async function submitHeld() {
  const latenciesMs: number[] = [];
  const startedAt = performance.now();
  await Promise.all(
    [...held].map(async ([instance, results]) => {
      for (const { runId, body } of results) {
        const sentAt = performance.now();
        try {
          await submit(instance, runId, body);
          latenciesMs.push(performance.now() - sentAt);
        } catch (error) {
          note(error);
        }
      }
    }),
  );
  send({ type: "submitted", stats, latenciesMs, elapsedMs: performance.now() - startedAt });
}

async function start(command: Start) {
  instances = command.instances.map((credentials) => ({ ...credentials, url: command.url, instanceId: randomUUID() }));
  await Promise.all(
    instances.map(async (instance) => {
      await registerInstance(instance, stopping.signal);
      stats.registered += 1;
    }),
  );
  if (command.mode === "hold") {
    await Promise.all(instances.map((instance) => hold(instance, command)));
    send({ type: "ready", stats });
    return;
  }
  send({ type: "ready", stats });
  await Promise.all(instances.map((instance) => work(instance, command)));
}

process.on("message", (command: WorkerCommand) => {
  if (command.type === "start") {
    start(command).catch((error: unknown) => {
      note(error);
      send({ type: "failed", stats });
    });
  } else if (command.type === "submit") {
    submitHeld().catch((error: unknown) => {
      note(error);
      send({ type: "failed", stats });
    });
  } else {
    stopping.abort();
    send({ type: "stopped", stats }, () => process.exit(0));
  }
});
