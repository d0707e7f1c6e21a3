import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./client";
import { DataDirLockedError, lockDataDir } from "./data-dir-lock";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "outpost-lock-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe("the embedded database folder lock", () => {
  it("refuses a folder held by another living process, and takes over once it is gone", async () => {
    const dataDir = path.join(root, "held");
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60_000)"]);
    fs.writeFileSync(`${dataDir}.lock`, String(holder.pid));

    expect(() => lockDataDir(dataDir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dataDir)).toThrow(/in use by another process \(pid \d+\)/);

    holder.kill("SIGKILL");
    await new Promise((resolve) => holder.once("exit", resolve));
    const release = lockDataDir(dataDir);
    expect(fs.readFileSync(`${dataDir}.lock`, "utf8")).toBe(String(process.pid));
    release();
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it("refuses a second open of the same folder in one process, and allows it after close", async () => {
    const dataDir = path.join(root, "nested", "pglite");
    const first = openDatabase({ kind: "pglite", dataDir });
    expect(() => openDatabase({ kind: "pglite", dataDir })).toThrow(DataDirLockedError);
    await first.close();
    const second = openDatabase({ kind: "pglite", dataDir });
    await second.close();
  });
});
