import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { hashPassword, verifyPassword } from "@outpost/auth";
import { notificationOutbox, users } from "@outpost/db";
import { createCollection, createTestDatabase, createUser, type TestDatabase } from "@outpost/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeRun, failingResult, registerTestInstance } from "../testing/run-results";
import { createRunnerTeam } from "../testing/runner-fixtures";
import { dumpTables } from "./database-dump";

// Every kind of secret the product stores, made through the real code paths, then the whole
// database dumped as text: no plaintext, nor its base64 or hex, may appear in it. Extends
// router/runner-keys.test.ts (runner keys only) to every secret, and to pg_dump on PostgreSQL.

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

/** pg_dump of the test database when it is PostgreSQL and pg_dump is installed; else every row of every table. */
async function databaseText(): Promise<{ text: string; via: string }> {
  if (handle.url) {
    try {
      const { stdout } = await promisify(execFile)("pg_dump", ["--data-only", "--no-owner", handle.url], { maxBuffer: 256 * 1024 * 1024 });
      return { text: stdout, via: "pg_dump" };
    } catch (error) {
      if ((error as { code?: string }).code !== "ENOENT") throw error;
    }
  }
  return { text: JSON.stringify(await dumpTables(handle.db)), via: "select" };
}

/** A plaintext and the encodings a careless store might hold it in. */
const encodings = (plain: string) => [
  plain,
  Buffer.from(plain).toString("base64"),
  Buffer.from(plain).toString("base64url"),
  Buffer.from(plain).toString("hex"),
];

describe("secrets at rest", () => {
  it("never appear in a dump of the database, in plain, base64 or hex", async () => {
    const secrets: Record<string, string> = {};
    const t = await createRunnerTeam(handle);
    const admin = t.as("admin");

    // Runner keys: as created, as reset, and a deleted runner's.
    const kept = await admin.runner.create({ name: "Kept", description: "", source: "runner_settings" });
    secrets["runner key"] = kept.key;
    secrets["runner key after reset"] = (await admin.runner.resetKey({ runnerId: kept.runner.id })).key;
    const gone = await admin.runner.create({ name: "Gone", description: "", source: "runner_settings" });
    secrets["deleted runner's key"] = gone.key;
    await admin.runner.delete({ runnerId: gone.runner.id });

    // Secret environment values: at creation, replaced on update, and one turned secret later.
    const tag = crypto.randomUUID();
    secrets["environment secret"] = `token-${tag}-created`;
    secrets["environment secret replaced"] = `token-${tag}-updated`;
    secrets["environment value made secret"] = `value-${tag}-promoted`;
    const environment = await admin.environment.create({
      workspaceId: t.w1.id,
      name: "Production",
      variables: [
        { key: "token", value: secrets["environment secret"]!, secret: true },
        { key: "plain", value: secrets["environment value made secret"]!, secret: false },
      ],
    });
    const second = await admin.environment.create({
      workspaceId: t.w1.id,
      name: "Staging",
      variables: [{ key: "token", value: `token-${tag}-overwritten`, secret: true }],
    });
    await admin.environment.update({
      workspaceId: t.w1.id,
      environmentId: second.id,
      variables: [{ key: "token", value: secrets["environment secret replaced"]!, secret: true }],
    });
    await admin.environment.update({
      workspaceId: t.w1.id,
      environmentId: environment.id,
      variables: [
        { key: "token", value: null, secret: true },
        { key: "plain", value: secrets["environment value made secret"]!, secret: true },
      ],
    });

    // A user's password, hashed as sign-up and the demo seed hash it.
    secrets["user password"] = `correct horse ${tag}`;
    const user = await createUser(handle.db, { passwordHash: await hashPassword(secrets["user password"]!) });

    // A monitor's webhook URL (a Slack-style URL is itself a credential), and a failure
    // notification queued for it by a failed run.
    secrets["webhook URL"] = `https://hooks.example.com/services/T0/B0/hook-${tag}`;
    const collection = await createCollection(handle.db, t.team.id, t.w1.id);
    const monitor = await admin.monitor.create({
      workspaceId: t.w1.id,
      name: "Hooked",
      collectionId: collection.id,
      schedule: { kind: "interval", minutes: 60 },
      runners: { mode: "manual", runnerIds: [kept.runner.id] },
      notifications: { recipients: [], stopAfterConsecutiveFailures: 3, webhookUrl: secrets["webhook URL"] },
    });
    const identity = { kind: "private" as const, id: kept.runner.id, teamId: t.team.id };
    const { runIds } = await admin.monitor.runNow({ workspaceId: t.w1.id, monitorId: monitor.id });
    await completeRun(handle.db, identity, await registerTestInstance(handle.db, identity), runIds[0]!, failingResult());
    const [queued] = await handle.db.select().from(notificationOutbox).where(eq(notificationOutbox.monitorId, monitor.id));
    expect(queued).toMatchObject({ channel: "webhook", status: "pending" });

    const { text, via } = await databaseText();
    expect(via).toBe(handle.url ? "pg_dump" : "select");
    // The dump holds the rows the secrets belong to: it is not empty or of another database.
    for (const id of [kept.runner.id, environment.id, second.id, user.id, monitor.id, queued!.id]) expect(text).toContain(id);
    const found = Object.entries(secrets).flatMap(([kind, plain]) =>
      encodings(plain).filter((encoded) => text.includes(encoded)).map((encoded) => `${kind} (${encoded === plain ? "plain" : "encoded"})`),
    );
    expect(found).toEqual([]);
    // Runner keys are not even partly there (a prefix or suffix stored "for display" would leak entropy).
    for (const key of [kept.key, secrets["runner key after reset"]!, gone.key]) expect(text).not.toContain(key.slice(4, 40));

    // The stored values still work: the secrets were transformed, not lost.
    const [stored] = await handle.db.select().from(users).where(eq(users.id, user.id));
    expect(await verifyPassword(stored!.passwordHash!, secrets["user password"]!)).toBe(true);
    expect((await admin.runner.get({ runnerId: kept.runner.id })).keyLast4).toBe(secrets["runner key after reset"]!.slice(-4));
  });
});
