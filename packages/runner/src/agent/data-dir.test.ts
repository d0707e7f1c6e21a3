import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DataDirError, defaultDataDir, lockDataDir } from "./data-dir";

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function dataDir() {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "outpost-data-")), "runner");
  dirs.push(path.dirname(dir));
  return dir;
}

/** A real process that is alive until killed, to hold a lock the way another runner would. */
async function otherProcess() {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  await new Promise((resolve) => child.once("spawn", resolve));
  return child;
}

describe("data directory lock", () => {
  it("creates the directory privately and keeps a second user out until released", () => {
    const dir = dataDir();
    const lock = lockDataDir(dir);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.readFileSync(path.join(dir, "runner.lock"), "utf8").trim()).toBe(String(process.pid));
    expect(() => lockDataDir(dir)).toThrow(DataDirError);

    lock.release();
    expect(fs.existsSync(path.join(dir, "runner.lock"))).toBe(false);
    lockDataDir(dir).release();
  });

  it("refuses a directory whose lock belongs to a running process, naming it", async () => {
    const dir = dataDir();
    const other = await otherProcess();
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "runner.lock"), `${other.pid}\n`);
      expect(() => lockDataDir(dir)).toThrow(`Another runner process (pid ${other.pid}) is using the data directory ${dir}.`);
    } finally {
      other.kill("SIGKILL");
    }
  });

  it("takes over the lock of a process that is gone, or of this pid in a restarted container", async () => {
    const dir = dataDir();
    const gone = await otherProcess();
    gone.kill("SIGKILL");
    await new Promise((resolve) => gone.once("exit", resolve));
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "runner.lock"), `${gone.pid}\n`);
    lockDataDir(dir).release();

    fs.writeFileSync(path.join(dir, "runner.lock"), `${process.pid}\n`);
    const lock = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, "runner.lock"), "utf8").trim()).toBe(String(process.pid));
    lock.release();
  });

  it("says what to do when the directory cannot be created", () => {
    const file = path.join(dataDir(), "..", "a-file");
    fs.writeFileSync(file, "");
    expect(() => lockDataDir(path.join(file, "runner"))).toThrow(/Cannot create the data directory .* Pass --data-dir/);
  });

  it("defaults to one directory per runner under the home directory", () => {
    expect(defaultDataDir("0b5c9a52-58f8-4a86-9b8e-8c0f2c1f1d11", "/home/ops")).toBe(path.join("/home/ops", ".outpost", "runner", "0b5c9a52-58f8-4a86-9b8e-8c0f2c1f1d11"));
  });
});
