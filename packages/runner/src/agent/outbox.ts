import { randomUUID } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { RunResult } from "@outpost/contracts";
import { z } from "zod";
import type { Log } from "./log";

/** Past this many results the agent claims no new runs until some are delivered. */
export const OUTBOX_LIMIT = 1_000;

/** A finished run's result as kept on disk until the console has it. */
const OutboxRecord = z.object({
  version: z.literal(1),
  runnerId: z.uuid(),
  runId: z.uuid(),
  leaseId: z.uuid(),
  savedAt: z.iso.datetime(),
  result: RunResult,
});
type OutboxRecord = z.infer<typeof OutboxRecord>;

export interface OutboxEntry {
  runId: string;
  leaseId: string;
  savedAt: string;
  /** Only when the result could not be written to disk: it is then delivered from memory. */
  unsaved?: RunResult;
}

export interface Outbox {
  /** Writes the result to disk (temporary file, then rename) before its first delivery attempt. */
  add(runId: string, leaseId: string, result: RunResult): Promise<OutboxEntry>;
  /** The entry's result, read back from disk; null when the file went bad (it is then moved aside). */
  read(entry: OutboxEntry): Promise<RunResult | null>;
  /** Forgets a result the console took, or refused for good. */
  remove(entry: OutboxEntry): Promise<void>;
  /** The oldest entry still to deliver. */
  oldest(): OutboxEntry | undefined;
  size(): number;
  isFull(): boolean;
}

const RESULT_FILE = /^[0-9a-f-]{36}\.[0-9a-f-]{36}\.json$/;
const fileName = (entry: Pick<OutboxEntry, "runId" | "leaseId">) => `${entry.runId}.${entry.leaseId}.json`;
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 300);

/**
 * The results of this runner that the console has not confirmed yet, one file each in
 * `<data dir>/outbox`, so that a runner stopped or crashed while the console was unreachable
 * delivers them when it starts again. Files it cannot read are moved to `<data dir>/rejected`
 * with a log line; they never stop the agent. Results of another runner ID (a data directory
 * shared by mistake) are left where they are for that runner.
 */
export function openOutbox({ dataDir, runnerId, log, limit = OUTBOX_LIMIT }: { dataDir: string; runnerId: string; log: Log; limit?: number }): Outbox {
  const directory = path.join(dataDir, "outbox");
  const rejected = path.join(dataDir, "rejected");
  fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
  const entries: OutboxEntry[] = [];

  function moveAside(name: string, reason: string) {
    try {
      fs.mkdirSync(rejected, { recursive: true, mode: 0o700 });
      const target = fs.existsSync(path.join(rejected, name)) ? `${name}.${Date.now()}` : name;
      fs.renameSync(path.join(directory, name), path.join(rejected, target));
      log({ level: "warn", msg: "outbox file moved aside: it is not a result the runner can deliver", file: name, movedTo: rejected, reason });
    } catch (error) {
      log({ level: "error", msg: "outbox file could not be moved aside; it is skipped", file: name, reason, detail: errorText(error) });
    }
  }

  function readRecord(name: string): OutboxRecord | string {
    try {
      const parsed = OutboxRecord.safeParse(JSON.parse(fs.readFileSync(path.join(directory, name), "utf8")));
      return parsed.success ? parsed.data : `not an outbox record: ${parsed.error.issues[0]?.message ?? "invalid"}`;
    } catch (error) {
      return errorText(error);
    }
  }

  let foreign = 0;
  for (const name of fs.readdirSync(directory)) {
    // Anything else is a write that never completed (the process died before the rename) or a stranger.
    const record = RESULT_FILE.test(name) ? readRecord(name) : "not a result file (an interrupted write?)";
    if (typeof record === "string") moveAside(name, record);
    else if (record.runnerId !== runnerId) foreign += 1;
    else entries.push({ runId: record.runId, leaseId: record.leaseId, savedAt: record.savedAt });
  }
  entries.sort((a, b) => a.savedAt.localeCompare(b.savedAt));
  if (foreign > 0) {
    log({ level: "warn", msg: "the outbox holds results of another runner ID; they stay there for that runner", count: foreign, directory });
  }

  async function writeAtomically(name: string, text: string) {
    const temp = path.join(directory, `.${name}.${randomUUID()}.tmp`);
    try {
      const handle = await fsp.open(temp, "wx", 0o600);
      try {
        await handle.writeFile(text);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fsp.rename(temp, path.join(directory, name));
    } catch (error) {
      await fsp.rm(temp, { force: true }).catch(() => {});
      throw error;
    }
  }

  const forget = (entry: OutboxEntry) => {
    const index = entries.indexOf(entry);
    if (index >= 0) entries.splice(index, 1);
  };

  return {
    async add(runId, leaseId, result) {
      const entry: OutboxEntry = { runId, leaseId, savedAt: new Date().toISOString() };
      const record: OutboxRecord = { version: 1, runnerId, ...entry, result };
      try {
        await writeAtomically(fileName(entry), JSON.stringify(record));
      } catch (error) {
        // A full or read-only disk must not cost the result while the process lives.
        log({ level: "error", msg: "the result could not be written to the outbox: it is kept in memory only", runId, detail: errorText(error) });
        entry.unsaved = result;
      }
      entries.push(entry);
      return entry;
    },
    async read(entry) {
      if (entry.unsaved) return entry.unsaved;
      const record = readRecord(fileName(entry));
      if (typeof record !== "string") return record.result;
      forget(entry);
      moveAside(fileName(entry), record);
      return null;
    },
    async remove(entry) {
      forget(entry);
      if (entry.unsaved) return;
      // If this fails the next start submits the result again, and the console answers "duplicate".
      await fsp.rm(path.join(directory, fileName(entry)), { force: true }).catch((error: unknown) => {
        log({ level: "warn", msg: "a delivered result could not be removed from the outbox", runId: entry.runId, detail: errorText(error) });
      });
    },
    oldest: () => entries[0],
    size: () => entries.length,
    isFull: () => entries.length >= limit,
  };
}
