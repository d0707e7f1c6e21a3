import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { RunResult } from "@outpost/contracts";
import { afterAll, describe, expect, it } from "vitest";
import type { LogEntry } from "./log";
import { openOutbox } from "./outbox";

const RUNNER_ID = "0b5c9a52-58f8-4a86-9b8e-8c0f2c1f1d11";
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function dataDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "outpost-outbox-"));
  dirs.push(dir);
  return dir;
}

function open(dir: string, runnerId = RUNNER_ID, limit?: number) {
  const logs: LogEntry[] = [];
  return { outbox: openOutbox({ dataDir: dir, runnerId, log: (entry) => void logs.push(entry), limit }), logs };
}

const result = (requestCount = 1): RunResult => {
  const at = new Date().toISOString();
  return { outcome: "successful", errorMessage: null, startedAt: at, finishedAt: at, requestCount, executions: [], consoleLines: [] };
};

describe("outbox", () => {
  it("keeps results across processes, oldest first, each in a private file", async () => {
    const dir = dataDir();
    const { outbox } = open(dir);
    const first = await outbox.add(randomUUID(), randomUUID(), result(1));
    await outbox.add(randomUUID(), randomUUID(), result(2));

    const reopened = open(dir).outbox;
    expect(reopened.size()).toBe(2);
    const oldest = reopened.oldest()!;
    expect(oldest).toMatchObject({ runId: first.runId, leaseId: first.leaseId });
    expect(await reopened.read(oldest)).toMatchObject({ requestCount: 1 });
    for (const name of fs.readdirSync(path.join(dir, "outbox"))) {
      expect(fs.statSync(path.join(dir, "outbox", name)).mode & 0o777).toBe(0o600);
    }
    expect(fs.statSync(path.join(dir, "outbox")).mode & 0o777).toBe(0o700);

    await reopened.remove(oldest);
    expect(reopened.size()).toBe(1);
    expect(open(dir).outbox.size()).toBe(1);
  });

  it("moves unreadable files and interrupted writes aside with a log line, and keeps the good ones", async () => {
    const dir = dataDir();
    const { outbox } = open(dir);
    const good = await outbox.add(randomUUID(), randomUUID(), result());
    const box = path.join(dir, "outbox");
    fs.writeFileSync(path.join(box, `${randomUUID()}.${randomUUID()}.json`), '{"version":1,"runId":"trunc');
    fs.writeFileSync(path.join(box, `${randomUUID()}.${randomUUID()}.json`), JSON.stringify({ version: 1, runnerId: RUNNER_ID }));
    fs.writeFileSync(path.join(box, `.${good.runId}.${good.leaseId}.json.${randomUUID()}.tmp`), "{");

    const { outbox: reopened, logs } = open(dir);

    expect(reopened.size()).toBe(1);
    expect(reopened.oldest()).toMatchObject({ runId: good.runId });
    expect(fs.readdirSync(box)).toEqual([`${good.runId}.${good.leaseId}.json`]);
    expect(fs.readdirSync(path.join(dir, "rejected"))).toHaveLength(3);
    const movedAside = logs.filter((entry) => entry.msg === "outbox file moved aside: it is not a result the runner can deliver");
    expect(movedAside).toHaveLength(3);
    expect(movedAside.map((entry) => entry.level)).toEqual(["warn", "warn", "warn"]);
  });

  it("moves a file that went bad after start aside when it is read", async () => {
    const dir = dataDir();
    const { outbox, logs } = open(dir);
    const entry = await outbox.add(randomUUID(), randomUUID(), result());
    fs.writeFileSync(path.join(dir, "outbox", `${entry.runId}.${entry.leaseId}.json`), "not json");

    expect(await outbox.read(entry)).toBeNull();
    expect(outbox.size()).toBe(0);
    expect(fs.readdirSync(path.join(dir, "rejected"))).toEqual([`${entry.runId}.${entry.leaseId}.json`]);
    expect(logs.at(-1)).toMatchObject({ level: "warn", file: `${entry.runId}.${entry.leaseId}.json` });
  });

  it("leaves another runner's results where they are", async () => {
    const dir = dataDir();
    await open(dir, randomUUID()).outbox.add(randomUUID(), randomUUID(), result());

    const { outbox, logs } = open(dir);

    expect(outbox.size()).toBe(0);
    expect(fs.readdirSync(path.join(dir, "outbox"))).toHaveLength(1);
    expect(logs).toMatchObject([{ level: "warn", msg: "the outbox holds results of another runner ID; they stay there for that runner", count: 1 }]);
  });

  it("keeps a result in memory when the disk refuses it", async () => {
    const dir = dataDir();
    const { outbox, logs } = open(dir);
    fs.rmSync(path.join(dir, "outbox"), { recursive: true });

    const entry = await outbox.add(randomUUID(), randomUUID(), result(7));

    expect(logs).toMatchObject([{ level: "error", msg: "the result could not be written to the outbox: it is kept in memory only" }]);
    expect(await outbox.read(entry)).toMatchObject({ requestCount: 7 });
    await outbox.remove(entry);
    expect(outbox.size()).toBe(0);
  });

  it("is full at its limit", async () => {
    const { outbox } = open(dataDir(), RUNNER_ID, 2);
    await outbox.add(randomUUID(), randomUUID(), result());
    expect(outbox.isFull()).toBe(false);
    await outbox.add(randomUUID(), randomUUID(), result());
    expect(outbox.isFull()).toBe(true);
  });
});
