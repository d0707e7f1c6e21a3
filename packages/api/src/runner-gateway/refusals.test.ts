import { eq, sql } from "drizzle-orm";
import type { Job } from "@outpost/contracts";
import { runs } from "@outpost/db";
import { createCollection, createTestDatabase, type TestDatabase } from "@outpost/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dumpTables } from "../security/database-dump";
import { endpoints, errorCodeOf, protocolRequest, successfulResult, type Credentials } from "../security/protocol-requests";
import { sweepRuns } from "../services/dispatch/sweep";
import { testSecrets } from "../testing/caller";
import { createRunnerTeam } from "../testing/runner-fixtures";
import { createRunnerGateway } from "./gateway";

// What gateway.test.ts does not already cover: every credential fault on every endpoint, and
// leases that are stale or someone else's, each refused with nothing changed in the database.

let handle: TestDatabase;
let gateway: ReturnType<typeof createRunnerGateway>;
beforeAll(async () => {
  handle = await createTestDatabase();
  // Limits high enough that the refusals below are 401s, never 429s.
  const authThrottle = { perRunner: { limit: 1_000, windowMs: 60_000 }, perAddress: { limit: 1_000, windowMs: 60_000 } };
  gateway = createRunnerGateway({ getDb: async () => handle.db, secrets: () => testSecrets, log: () => {}, authThrottle });
});
afterAll(async () => {
  await handle?.close();
});

const send = (credentials: Credentials, [path, body]: readonly [string, unknown]) => gateway.handle(protocolRequest(path, credentials, body));

/** Runner A holding a running job (run + lease), runner B of the same team with its own instance, and spare runners. */
async function setup() {
  const t = await createRunnerTeam(handle);
  const admin = t.as("admin");
  const make = async (name: string) => {
    const { runner, key } = await admin.runner.create({ name, description: "", source: "runner_settings" });
    return { runnerId: runner.id, key, instanceId: crypto.randomUUID() };
  };
  const [a, b] = [await make("A"), await make("B")];
  const collection = await createCollection(handle.db, t.team.id, t.w1.id);
  const monitor = await admin.monitor.create({
    workspaceId: t.w1.id,
    name: "Checkout",
    collectionId: collection.id,
    schedule: { kind: "interval", minutes: 60 },
    runners: { mode: "manual", runnerIds: [a.runnerId] },
  });
  const ep = (r: { instanceId: string }, job?: { runId: string; lease: { id: string } }) =>
    endpoints(r.instanceId, job?.runId ?? crypto.randomUUID(), job?.lease.id ?? crypto.randomUUID(), successfulResult());
  for (const r of [a, b]) expect((await send(r, ep(r).register)).status).toBe(200);
  const claim = async () => {
    await t.as("developer").monitor.runNow({ workspaceId: t.w1.id, monitorId: monitor.id });
    const response = await send(a, ep(a).claim);
    const { jobs } = (await response.json()) as { jobs: Job[] };
    expect(jobs).toHaveLength(1);
    return jobs[0]!;
  };
  return { ...t, admin, make, a, b, ep, claim };
}

async function expectRefusedWithoutChange(calls: Array<() => Promise<Response>>, status: number, code: string) {
  const before = await dumpTables(handle.db);
  for (const call of calls) {
    const response = await call();
    expect({ status: response.status, code: await errorCodeOf(response) }).toEqual({ status, code });
  }
  expect(await dumpTables(handle.db)).toEqual(before);
}

describe("the runner gateway refuses", () => {
  it("a wrong key, a reset key, a deleted runner's key and another runner's key, on every endpoint", async () => {
    const t = await setup();
    const job = await t.claim();
    const reset = await t.make("Reset");
    await t.admin.runner.resetKey({ runnerId: reset.runnerId });
    const deleted = await t.make("Deleted");
    await t.admin.runner.delete({ runnerId: deleted.runnerId });

    const faults: Credentials[] = [
      { runnerId: t.a.runnerId, key: `opk_${"B".repeat(49)}` }, // wrong key
      { runnerId: t.a.runnerId, key: "" }, // no key
      { runnerId: reset.runnerId, key: reset.key }, // the key before its reset
      { runnerId: deleted.runnerId, key: deleted.key }, // a deleted runner's key
      { runnerId: t.a.runnerId, key: t.b.key }, // runner B's key under runner A's id
    ];
    const calls = faults.flatMap((credentials) =>
      Object.values(t.ep(t.a, job)).map((endpoint) => () => send(credentials, endpoint)),
    );
    await expectRefusedWithoutChange(calls, 401, "unauthorized");
    // The run is still A's, running on A's lease.
    const [run] = await handle.db.select().from(runs).where(eq(runs.id, job.runId));
    expect(run).toMatchObject({ status: "running", leaseId: job.lease.id, instanceId: t.a.instanceId });
  });

  it("a lease held by another runner: B renews or submits A's run with its own valid key", async () => {
    const t = await setup();
    const job = await t.claim();
    const stolen = t.ep(t.a, job); // A's instance id and lease, sent with B's credentials
    const own = t.ep(t.b, job); // B's own instance id with A's lease
    await expectRefusedWithoutChange(
      [stolen.renew, stolen.submit, own.renew, own.submit].map((endpoint) => () => send(t.b, endpoint)),
      409,
      "lease_lost",
    );
    // Nor may B take over A's instance id by registering it.
    await expectRefusedWithoutChange([() => send(t.b, stolen.register)], 409, "lease_lost");
  });

  it("a replayed lease: renewing a settled run, and renewing or submitting a superseded lease", async () => {
    const t = await setup();
    const settled = await t.claim();
    expect((await send(t.a, t.ep(t.a, settled).submit)).status).toBe(200);
    // The same submission again is an idempotent repeat by design; a renewal of the settled lease is not.
    await expectRefusedWithoutChange([() => send(t.a, t.ep(t.a, settled).renew)], 409, "lease_lost");

    const first = await t.claim();
    // The lease lapses (the instance went quiet): the sweep hands the run back and it is claimed anew.
    await handle.db.update(runs).set({ leaseExpiresAt: sql`now() - interval '1 second'` }).where(eq(runs.id, first.runId));
    await sweepRuns(handle.db);
    const { jobs } = (await (await send(t.a, t.ep(t.a).claim)).json()) as { jobs: Job[] };
    expect(jobs.map((j) => j.runId)).toEqual([first.runId]);
    expect(jobs[0]!.lease.id).not.toBe(first.lease.id);
    const stale = t.ep(t.a, first);
    await expectRefusedWithoutChange([() => send(t.a, stale.renew), () => send(t.a, stale.submit)], 409, "lease_lost");

    // Settled under the new lease, the old one is still refused.
    expect((await send(t.a, t.ep(t.a, jobs[0]).submit)).status).toBe(200);
    await expectRefusedWithoutChange([() => send(t.a, stale.renew), () => send(t.a, stale.submit)], 409, "lease_lost");
  });

  it("a result from an instance that never registered: nothing stored until it registers and resends", async () => {
    const t = await setup();
    const job = await t.claim();
    const stranger = { ...t.a, instanceId: crypto.randomUUID() }; // A's key and lease, an unregistered instance
    await expectRefusedWithoutChange([() => send(t.a, t.ep(stranger, job).submit)], 404, "not_found");

    expect((await send(t.a, t.ep(stranger).register)).status).toBe(200);
    expect((await send(t.a, t.ep(stranger, job).submit)).status).toBe(200);
    const [run] = await handle.db.select({ status: runs.status }).from(runs).where(eq(runs.id, job.runId));
    expect(run?.status).toBe("finished");
  });
});
