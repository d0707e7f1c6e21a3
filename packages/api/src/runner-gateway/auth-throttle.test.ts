import { RunnerRoutes } from "@outpost/contracts";
import { createTestDatabase, type TestDatabase } from "@outpost/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCodeOf, protocolRequest, registerBody, testClientAddress, type Credentials } from "../security/protocol-requests";
import { testSecrets } from "../testing/caller";
import { createRunnerTeam } from "../testing/runner-fixtures";
import type { AuthThrottleOptions } from "./auth-throttle";
import { createFailureBuckets } from "./failure-buckets";
import { createRunnerGateway } from "./gateway";

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

/** A gateway of its own (fresh buckets) that counts how often it reaches for the database. */
function gateway(authThrottle?: AuthThrottleOptions) {
  const dbUse = { count: 0 };
  const g = createRunnerGateway({
    getDb: async () => {
      dbUse.count += 1;
      return handle.db;
    },
    secrets: () => testSecrets,
    log: () => {},
    clientAddress: testClientAddress,
    authThrottle,
  });
  const register = (credentials: Credentials) =>
    g.handle(protocolRequest(RunnerRoutes.registerInstance, credentials, registerBody(crypto.randomUUID())));
  return { dbUse, register };
}

async function runner() {
  const t = await createRunnerTeam(handle);
  const { runner, key } = await t.as("admin").runner.create({ name: "Edge", description: "", source: "runner_settings" });
  return { ...t, runnerId: runner.id, key };
}

const wrongKey = "opk_" + "A".repeat(49);

describe("throttling failed runner authentications", () => {
  it("answers 429 with Retry-After per runner id, before any database work, and never to the runner itself", async () => {
    const r = await runner();
    const g = gateway();
    expect((await g.register({ runnerId: r.runnerId, key: r.key, address: "10.0.0.1" })).status).toBe(200);
    // Ten wrong keys from ten addresses: only the runner id links them.
    for (let i = 0; i < 10; i++) {
      expect((await g.register({ runnerId: r.runnerId, key: wrongKey, address: `10.1.0.${i}` })).status).toBe(401);
    }
    const before = g.dbUse.count;
    const refused = await g.register({ runnerId: r.runnerId, key: wrongKey, address: "10.2.0.1" });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await errorCodeOf(refused)).toBe("rate_limited");
    expect(g.dbUse.count).toBe(before);

    // The runner that authenticated before keeps working, from anywhere.
    const own = await g.register({ runnerId: r.runnerId, key: r.key, address: "10.3.0.1" });
    expect(own.status).toBe(200);
    // Another runner is not affected.
    const other = await runner();
    expect((await g.register({ runnerId: other.runnerId, key: other.key, address: "10.2.0.1" })).status).toBe(200);
  });

  it("throttles one address whatever runner ids it tries, and not other addresses", async () => {
    const r = await runner();
    const g = gateway();
    for (let i = 0; i < 20; i++) {
      expect((await g.register({ runnerId: crypto.randomUUID(), key: wrongKey, address: "192.0.2.7" })).status).toBe(401);
    }
    const refused = await g.register({ runnerId: crypto.randomUUID(), key: wrongKey, address: "192.0.2.7" });
    expect(refused.status).toBe(429);
    // A first success from a throttled address is throttled too: nothing proves the key before it is checked.
    expect((await g.register({ runnerId: r.runnerId, key: r.key, address: "192.0.2.7" })).status).toBe(429);
    expect((await g.register({ runnerId: crypto.randomUUID(), key: wrongKey, address: "192.0.2.8" })).status).toBe(401);
    expect((await g.register({ runnerId: r.runnerId, key: r.key, address: "192.0.2.8" })).status).toBe(200);
  });

  it("never counts successes, and lets failures again once the window refills", async () => {
    const r = await runner();
    const g = gateway({ perRunner: { limit: 2, windowMs: 600 }, perAddress: { limit: 100, windowMs: 600 } });
    for (let i = 0; i < 30; i++) expect((await g.register({ runnerId: r.runnerId, key: r.key, address: "198.51.100.1" })).status).toBe(200);
    const stranger = { runnerId: crypto.randomUUID(), key: wrongKey, address: "198.51.100.2" };
    expect((await g.register(stranger)).status).toBe(401);
    expect((await g.register(stranger)).status).toBe(401);
    expect((await g.register(stranger)).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await g.register(stranger)).status).toBe(401);
  });

  it("takes the exemption away from a key at its first refusal after a reset", async () => {
    const r = await runner();
    const g = gateway({ perRunner: { limit: 1, windowMs: 60_000 } });
    const old = { runnerId: r.runnerId, key: r.key, address: "203.0.113.1" };
    expect((await g.register(old)).status).toBe(200);
    await r.as("admin").runner.resetKey({ runnerId: r.runnerId });
    expect((await g.register(old)).status).toBe(401);
    expect((await g.register(old)).status).toBe(429);
  });
});

describe("failure buckets", () => {
  it("never hold more keys than allowed, however many fail", () => {
    const buckets = createFailureBuckets({ limit: 5, windowMs: 60_000, maxKeys: 100 });
    for (let i = 0; i < 10_000; i++) buckets.recordFailure(`10.${i >> 8}.${i & 255}.1`, 1_000);
    expect(buckets.size).toBe(100);
  });

  it("say how long to wait, and forget a key once it refilled", () => {
    const buckets = createFailureBuckets({ limit: 2, windowMs: 60_000, maxKeys: 10 });
    buckets.recordFailure("a", 0);
    expect(buckets.retryAfterMs("a", 0)).toBe(0);
    buckets.recordFailure("a", 0);
    expect(buckets.retryAfterMs("a", 0)).toBe(30_000);
    expect(buckets.retryAfterMs("a", 20_000)).toBe(10_000);
    expect(buckets.retryAfterMs("a", 60_000)).toBe(0);
    expect(buckets.size).toBe(0);
  });
});
