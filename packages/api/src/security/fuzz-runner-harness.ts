import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { RunnerRoutes } from "@outpost/contracts";
import { runs } from "@outpost/db";
import { createTestDatabase, type TestDatabase } from "@outpost/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRunnerGateway } from "../runner-gateway/gateway";
import { testSecrets } from "../testing/caller";
import { createRunnerWithMonitor } from "../testing/runner-fixtures";
import { rowCounts } from "./database-dump";
import { bodies } from "./fuzz-arbitraries";
import { protocolRequest, registerBody, type Credentials } from "./protocol-requests";

// Each runner endpoint takes 10,000 generated bodies: any answer must be 2xx or 4xx, never a 5xx
// or a throw, and a refused body must leave every table the protocol writes to as it was. Split
// over two test files (register + claim, renew + submit) so each stays near a minute on PGlite.

const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const WRITTEN = ["runner_instances", "runs", "request_executions", "assertions", "console_lines", "usage_months", "notification_outbox", "audit_events"];
const INSTANCE = crypto.randomUUID();
const LEASE = crypto.randomUUID();

const text = (max: number) => fc.string({ minLength: 1, maxLength: max });
const instanceId = fc.constantFrom(INSTANCE, INSTANCE, "not-a-uuid").chain((id) => (id === "not-a-uuid" ? fc.uuid() : fc.constant(id)));
const iso = fc.date({ min: new Date("2020-01-01"), max: new Date("2030-01-01"), noInvalidDate: true }).map((d) => d.toISOString());
const result = fc.record({
  outcome: fc.constantFrom("successful", "failure", "error", "abort"),
  errorMessage: fc.option(text(50)),
  startedAt: iso,
  finishedAt: iso,
  requestCount: fc.nat(1_000),
  executions: fc.array(
    fc.record({
      position: fc.nat(100),
      requestName: text(30),
      method: fc.constantFrom("GET", "POST"),
      url: fc.webUrl(),
      statusCode: fc.option(fc.integer({ min: 100, max: 599 })),
      responseTimeMs: fc.option(fc.nat(60_000)),
      responseSizeBytes: fc.option(fc.nat(1_000_000)),
      error: fc.option(text(30)),
      assertions: fc.array(fc.record({ name: text(30), passed: fc.boolean(), errorMessage: fc.option(text(30)) }), { maxLength: 3 }),
    }),
    { maxLength: 3 },
  ),
  consoleLines: fc.array(fc.record({ level: fc.constantFrom("log", "info", "warn", "error", "debug", "stage"), message: text(50), loggedAt: iso }), { maxLength: 3 }),
});

type Endpoint = { path: (runId: string) => string; valid: fc.Arbitrary<unknown>; needsRun: boolean };
const ENDPOINTS = {
  "register instance": {
    path: () => RunnerRoutes.registerInstance,
    valid: fc.record({ instanceId, hostname: text(255), os: text(100), runnerVersion: text(50) }),
    needsRun: false,
  },
  // waitMs is kept short, and every request is hung up after 100 ms anyway, so a valid claim never waits long.
  claim: { path: () => RunnerRoutes.claimRuns, valid: fc.record({ instanceId, max: fc.integer({ min: 1, max: 16 }), waitMs: fc.constantFrom(0, 0, 0, 20) }), needsRun: false },
  "renew lease": { path: RunnerRoutes.renewLease, valid: fc.record({ instanceId, leaseId: fc.constant(LEASE) }), needsRun: true },
  "submit result": { path: RunnerRoutes.submitResult, valid: fc.record({ instanceId, leaseId: fc.constant(LEASE), result }), needsRun: true },
} satisfies Record<string, Endpoint>;

export type FuzzedEndpoint = keyof typeof ENDPOINTS;

/** Registers the fuzzing of the named endpoints, over a database of their own. */
export function fuzzRunnerEndpoints(names: FuzzedEndpoint[]) {
  let handle: TestDatabase;
  let gateway: ReturnType<typeof createRunnerGateway>;
  let credentials: Credentials;
  let runningRun: () => Promise<{ runId: string; inserted: boolean }>;
  const unexpected: unknown[] = [];
  beforeAll(async () => {
    handle = await createTestDatabase();
    gateway = createRunnerGateway({ getDb: async () => handle.db, secrets: () => testSecrets, log: (error) => unexpected.push(error) });
    const { team, runner, key, monitor } = await createRunnerWithMonitor(handle, { runnerName: "Fuzzed", monitorName: "Fuzzed" });
    credentials = { runnerId: runner.id, key };
    expect((await gateway.handle(protocolRequest(RunnerRoutes.registerInstance, credentials, registerBody(INSTANCE)))).status).toBe(200);
    // A run this instance holds on LEASE, so a valid renewal or result really lands; a new one once it finished.
    let current: string | undefined;
    runningRun = async () => {
      if (current) {
        const [run] = await handle.db.select({ status: runs.status }).from(runs).where(eq(runs.id, current));
        if (run?.status === "running") return { runId: current, inserted: false };
      }
      const [run] = await handle.db
        .insert(runs)
        .values({
          teamId: team.id,
          monitorId: monitor.id,
          runnerId: runner.id,
          type: "manual",
          status: "running",
          attempt: 1,
          instanceId: INSTANCE,
          leaseId: LEASE,
          leaseExpiresAt: new Date(Date.now() + 60_000),
          scheduledFor: new Date(),
          startedAt: new Date(),
        })
        .returning({ id: runs.id });
      current = run!.id;
      return { runId: current, inserted: true };
    };
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
  });

  describe.each(names.map((name) => [name, ENDPOINTS[name]!] as const))("fuzzing %s", (_, endpoint) => {
    it(`answers ${NUM_RUNS} generated bodies with 2xx or 4xx, storing nothing from refused ones`, async () => {
      const started = Date.now();
      // Counts change only when a body is accepted: re-read then, compare after every refusal.
      let stored = await rowCounts(handle.db, WRITTEN);
      let cases = 0;
      await fc.assert(
        fc.asyncProperty(bodies(endpoint.valid), async (body) => {
          // Valid renewals update the same few rows thousands of times; without a vacuum their dead
          // versions pile up (PGlite runs no autovacuum) and every case gets slower than the last.
          if (++cases % 1_000 === 0) await handle.db.execute(sql`vacuum runs, runners, runner_instances`);
          const { runId, inserted } = endpoint.needsRun ? await runningRun() : { runId: crypto.randomUUID(), inserted: false };
          if (inserted) stored = await rowCounts(handle.db, WRITTEN);
          const request = protocolRequest(endpoint.path(runId), credentials, body);
          const response = await gateway.handle(new Request(request, { signal: AbortSignal.timeout(100) }));
          expect(unexpected.splice(0).map((error) => String((error as { cause?: unknown }).cause ?? error))).toEqual([]);
          expect([2, 4]).toContain(Math.floor(response.status / 100));
          const after = await rowCounts(handle.db, WRITTEN);
          if (response.status < 400) stored = after;
          else {
            expect(after).toEqual(stored);
            if (endpoint.needsRun) {
              const [run] = await handle.db.select({ status: runs.status }).from(runs).where(eq(runs.id, runId));
              expect(run?.status).toBe("running");
            }
          }
        }),
        { numRuns: NUM_RUNS },
      );
      console.info(`fuzzing ${endpoint.path("<run>")}: ${NUM_RUNS} cases in ${Date.now() - started} ms`);
    }, 600_000);
  });
}
