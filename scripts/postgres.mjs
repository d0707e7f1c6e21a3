// Finds a PostgreSQL server the tests may create databases on: TEST_DATABASE_URL if set; else a
// running server on 127.0.0.1:5432 that trusts the `postgres` user; else a throwaway cluster
// started here (initdb + pg_ctl on a free port) and stopped afterwards.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const LOCAL_URL = "postgres://postgres@127.0.0.1:5432/postgres";

function canConnect(url) {
  const u = new URL(url);
  const probe = spawnSync(
    "psql",
    ["-w", "-X", "-q", "-h", u.hostname, "-p", u.port || "5432", "-U", decodeURIComponent(u.username) || "postgres", "-d", u.pathname.slice(1) || "postgres", "-c", "select 1"],
    { stdio: "ignore", env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password), PGCONNECT_TIMEOUT: "3" } },
  );
  return probe.status === 0;
}

function findPgBin(name) {
  const onPath = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).stdout.trim();
  if (onPath) return onPath;
  const base = "/usr/lib/postgresql";
  const versions = fs.existsSync(base) ? fs.readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const candidate = path.join(base, version, "bin", name);
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/**
 * A PostgreSQL cluster of its own in a temporary folder, on a free port: `stop()` removes it;
 * `restart()` (and `halt()` + `resume()`) bounce the server on the same port and data, for tests of
 * how clients live through a database restart. Never touches any other server.
 */
export async function startThrowawayCluster() {
  const initdb = findPgBin("initdb");
  const pgCtl = findPgBin("pg_ctl");
  if (!initdb || !pgCtl) {
    throw new Error("no PostgreSQL server is reachable and none is installed (apt-get install postgresql), or set TEST_DATABASE_URL");
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "outpost-pg-"));
  const dataDir = path.join(dir, "data");
  const port = await freePort();
  // PostgreSQL refuses to run as root: run the cluster as the `postgres` system user then.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync("chown", ["-R", "postgres:postgres", dir]);
  const exec = (bin, args) =>
    execFileSync(asRoot ? "runuser" : bin, asRoot ? ["-u", "postgres", "--", bin, ...args] : args, { stdio: "inherit" });

  exec(initdb, ["-A", "trust", "-U", "postgres", "-D", dataDir, "--no-sync"]);
  const startServer = () =>
    exec(pgCtl, ["-D", dataDir, "-l", path.join(dir, "server.log"), "-w", "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, "start"]);
  // "immediate" is a crash as far as clients can tell: every connection is cut at once.
  const stopServer = (mode = "fast") => exec(pgCtl, ["-D", dataDir, "-m", mode, "-w", "stop"]);
  startServer();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    /** Stops the server, keeping its data, until `resume()`; `mode` is pg_ctl's shutdown mode. */
    halt: (mode = "fast") => stopServer(mode),
    resume: () => startServer(),
    restart: (mode = "fast") => {
      stopServer(mode);
      startServer();
    },
    stop: () => {
      try {
        exec(pgCtl, ["-D", dataDir, "-m", "fast", "-w", "stop"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export async function withPostgres(use) {
  if (process.env.TEST_DATABASE_URL) return use(process.env.TEST_DATABASE_URL);
  if (canConnect(LOCAL_URL)) return use(LOCAL_URL);
  console.log("\nNo PostgreSQL on 127.0.0.1:5432: starting a throwaway cluster for the tests.");
  const cluster = await startThrowawayCluster();
  try {
    return await use(cluster.url);
  } finally {
    cluster.stop();
  }
}

/** An empty database of its own on the server at adminUrl (for a console under test); `drop()` removes it. */
export function scratchDatabase(adminUrl, prefix) {
  const name = `${prefix}_${Date.now().toString(36)}_${process.pid}`;
  const admin = new URL(adminUrl);
  const psql = (sql) =>
    execFileSync(
      "psql",
      ["-w", "-X", "-q", "-h", admin.hostname, "-p", admin.port || "5432", "-U", decodeURIComponent(admin.username) || "postgres", "-d", admin.pathname.slice(1) || "postgres", "-c", sql],
      { stdio: "inherit", env: { ...process.env, PGPASSWORD: decodeURIComponent(admin.password) } },
    );
  psql(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => psql(`drop database if exists ${name} with (force)`) };
}
