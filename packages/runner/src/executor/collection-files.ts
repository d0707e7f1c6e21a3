import { readFile } from "node:fs/promises";
import type { EnvironmentValue, MonitorRunOptions, RunResult } from "@outpost/contracts";
import { z } from "zod";
import { executeJob, type ExecuteJobOptions } from "./execute-job";

/** Options for a run started by hand: a monitor's defaults, with a generous time budget. */
export const LOCAL_RUN_OPTIONS: MonitorRunOptions = {
  requestTimeoutMs: 30_000,
  delayBetweenRequestsMs: 0,
  retriesOnFailure: 0,
  followRedirects: true,
  sslValidation: true,
  maxRunDurationMs: 10 * 60_000,
};

/** A file the user pointed at that cannot be used; the message says which and why. */
export class CollectionFileError extends Error {
  override name = "CollectionFileError";
}

const JsonObject = z.record(z.string(), z.unknown());

// Postman's environment export; `type: "secret"` is how Postman marks a secret value.
const PostmanEnvironmentFile = z.object({
  values: z.array(
    z.object({
      key: z.string(),
      value: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
      enabled: z.boolean().optional(),
      type: z.string().optional(),
    }),
  ),
});

async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new CollectionFileError(`Cannot read the ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CollectionFileError(`The ${what} ${path} is not valid JSON: ${(err as Error).message}`);
  }
}

/** Reads a Postman Collection v2.1 export (also the `{ "collection": ... }` form of Postman's API). */
export async function loadCollectionFile(path: string): Promise<Record<string, unknown>> {
  const parsed = JsonObject.safeParse(await readJson(path, "collection"));
  if (!parsed.success) throw new CollectionFileError(`The collection ${path} is not a JSON object`);
  const inner = JsonObject.safeParse(parsed.data.collection);
  const collection = inner.success && "item" in inner.data ? inner.data : parsed.data;
  if (!Array.isArray(collection.item)) {
    throw new CollectionFileError(`The collection ${path} has no "item" list: is it a Postman Collection v2.1 export?`);
  }
  return collection;
}

/** Reads a Postman environment export; disabled values are left out, as Postman does. */
export async function loadEnvironmentFile(path: string): Promise<EnvironmentValue[]> {
  const parsed = PostmanEnvironmentFile.safeParse(await readJson(path, "environment"));
  if (!parsed.success) {
    throw new CollectionFileError(`The environment ${path} is not a Postman environment export ({ "values": [...] })`);
  }
  return parsed.data.values
    .filter((entry) => entry.enabled !== false)
    .map((entry) => ({ key: entry.key, value: String(entry.value ?? ""), secret: entry.type === "secret" }));
}

export interface CollectionFileRun extends ExecuteJobOptions {
  environmentPath?: string;
  options?: MonitorRunOptions;
}

/** Loads a collection (and environment) from disk and runs it: the one-shot CLI's engine. */
export async function executeCollectionFile(collectionPath: string, run: CollectionFileRun = {}): Promise<RunResult> {
  const collection = await loadCollectionFile(collectionPath);
  const environment = run.environmentPath ? await loadEnvironmentFile(run.environmentPath) : [];
  return executeJob(
    { collection, environment, options: run.options ?? LOCAL_RUN_OPTIONS },
    { signal: run.signal, blockedHosts: run.blockedHosts },
  );
}
