import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Where a runner keeps its outbox unless told otherwise: one directory per runner ID. */
export function defaultDataDir(runnerId: string, home = os.homedir()): string {
  return path.join(home, ".outpost", "runner", runnerId);
}

/** A data directory the runner cannot use; the message says what to do. */
export class DataDirError extends Error {}

export interface DataDirLock {
  directory: string;
  release(): void;
}

const LOCK_FILE = "runner.lock";
/** Lock files taken by this process: a second open in one process is refused like a second process. */
const held = new Set<string>();

/**
 * Creates the data directory (mode 0700) and makes this process its only user: two runner
 * processes sharing an outbox would deliver, and delete, each other's results. The lock file holds
 * the owner's pid; a lock whose process is gone is taken over.
 */
export function lockDataDir(dir: string): DataDirLock {
  const directory = path.resolve(dir);
  const file = path.join(directory, LOCK_FILE);
  try {
    fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new DataDirError(`Cannot create the data directory ${directory} (${codeOf(error)}). Pass --data-dir with a directory this user can write.`);
  }
  if (held.has(file)) throw busy(directory, process.pid);
  takeLock(directory, file);
  held.add(file);
  let released = false;
  return {
    directory,
    release() {
      if (released) return;
      released = true;
      held.delete(file);
      if (readOwner(file) === process.pid) fs.rmSync(file, { force: true });
    },
  };
}

function takeLock(directory: string, file: string) {
  // Written beside the lock, then linked into place: the lock never exists without its pid.
  const temp = path.join(directory, `.${LOCK_FILE}.${randomUUID()}`);
  try {
    fs.writeFileSync(temp, `${process.pid}\n`, { mode: 0o600 });
  } catch (error) {
    throw new DataDirError(`Cannot write to the data directory ${directory} (${codeOf(error)}). Pass --data-dir with a directory this user can write.`);
  }
  try {
    for (let attempt = 0; ; attempt += 1) {
      try {
        fs.linkSync(temp, file);
        return;
      } catch (error) {
        if (codeOf(error) !== "EEXIST" || attempt > 0) {
          throw new DataDirError(`Cannot lock the data directory ${directory} (${codeOf(error)}).`);
        }
        const owner = readOwner(file);
        // This process's own pid in a lock it does not hold: a restarted container where the runner is pid 1 again.
        if (owner !== null && owner !== process.pid && isRunning(owner)) throw busy(directory, owner);
        fs.rmSync(file, { force: true });
      }
    }
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

function busy(directory: string, pid: number): DataDirError {
  return new DataDirError(
    `Another runner process (pid ${pid}) is using the data directory ${directory}. ` +
      `Give each runner process its own --data-dir; if no runner is running, delete ${path.join(directory, LOCK_FILE)}.`,
  );
}

function readOwner(file: string): number | null {
  try {
    const pid = Number(fs.readFileSync(file, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return codeOf(error) === "EPERM";
  }
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? String(error);
}
