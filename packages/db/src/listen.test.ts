import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen } from "./listen";
import { createTestDatabase, type TestDatabase } from "./testing";

describe.runIf(process.env.OUTPOST_TEST_DB === "postgres")("LISTEN on PostgreSQL", () => {
  let handle: TestDatabase;
  let admin: pg.Pool;
  beforeAll(async () => {
    handle = await createTestDatabase({ migrate: false });
    admin = new pg.Pool({ connectionString: handle.url, max: 1 });
  });
  afterAll(async () => {
    await admin?.end();
    await handle?.close();
  });

  function collect() {
    const payloads: string[] = [];
    const next = (payload: string) =>
      new Promise<void>((resolve, reject) => {
        const deadline = Date.now() + 10_000;
        const check = () => {
          if (payloads.includes(payload)) return resolve();
          if (Date.now() > deadline) return reject(new Error(`"${payload}" was not heard; heard ${JSON.stringify(payloads)}`));
          setTimeout(check, 20);
        };
        check();
      });
    return { payloads, next, onPayload: (payload: string) => void payloads.push(payload) };
  }

  it("hears notifications, and again after its connection was killed", async () => {
    const heard = collect();
    const errors: unknown[] = [];
    const listener = await listen(handle.pool!, "outpost_test_channel", { onPayload: heard.onPayload, onError: (e) => errors.push(e), retryMs: 100 });
    try {
      await listener.notify("first");
      await heard.next("first");

      // A database restart, as the listening connection sees it.
      await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query like 'LISTEN%'");
      const deadline = Date.now() + 10_000;
      while (errors.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(errors.length).toBeGreaterThan(0);

      // Notifications sent while it reconnects may be missed; keep sending until one is heard.
      for (let i = 0; !heard.payloads.includes("after"); i++) {
        if (i > 200) throw new Error("never heard again after the connection was killed");
        await admin.query("select pg_notify('outpost_test_channel', 'after')");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await listener.close();
    }
  });

  it("stops hearing once closed", async () => {
    const heard = collect();
    const listener = await listen(handle.pool!, "outpost_test_channel", { onPayload: heard.onPayload });
    await listener.close();
    await admin.query("select pg_notify('outpost_test_channel', 'late')");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heard.payloads).toEqual([]);
  });
});
