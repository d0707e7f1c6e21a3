import { randomUUID } from "node:crypto";
import type { EnvironmentValue, MonitorRunOptions } from "@outpost/contracts";
import sdk from "postman-collection";
import type { RunOptions } from "postman-runtime";
import { toRestrictedAddresses } from "./blocked-hosts";
import type { SocketTracker } from "./socket-tracker";

/**
 * Maps a monitor's options onto the engine's. Deliberately absent: `fileResolver`, so a collection
 * cannot upload files from the runner's disk (form-data `src` paths) inside someone's network.
 */
export function buildRunOptions(
  options: MonitorRunOptions,
  environment: readonly EnvironmentValue[],
  blockedHosts: readonly string[],
  sockets: SocketTracker,
): RunOptions {
  return {
    timeout: {
      // 0 means "no limit" to the engine; null means the same to us.
      request: options.requestTimeoutMs ?? 0,
      // The engine's own 3-minute global default would end long runs early and not as Abort;
      // maxRunDurationMs is enforced by executeJob instead.
      global: 0,
      // Bounds a script that never finishes (an endless loop runs in the sandbox, not in our
      // event loop, but an aborted run still waits for it).
      script: options.maxRunDurationMs,
    },
    delay: { item: options.delayBetweenRequestsMs },
    environment: new sdk.VariableScope({
      values: environment.map(({ key, value }) => ({ key, value, type: "string" })),
    }),
    network: { restrictedAddresses: toRestrictedAddresses(blockedHosts) },
    // Collection requests go straight to their targets, whatever HTTP_PROXY says: those variables
    // are there for the runner's way out to the console, while monitors check APIs inside the
    // network, and the blocked-address check needs to resolve the real target, not a proxy.
    ignoreProxyEnvironmentVariables: true,
    requester: {
      followRedirects: options.followRedirects,
      strictSSL: options.sslValidation,
      // Normalises hosts (decimal, hex, IPv4-mapped IPv6) before the blocked-address check.
      useWhatWGUrlParser: true,
      agents: sockets.agents,
    },
  };
}

/**
 * Builds the engine's collection. Items get unique IDs: retries address their item by ID through
 * setNextRequest (see run-recorder.ts), and a collection edited by hand may repeat one. A proxy
 * named on a request is dropped: it would route monitor traffic through a host of the collection
 * author's choosing, past the blocked-address check.
 */
export function buildCollection(definition: Record<string, unknown>): sdk.Collection {
  const collection = new sdk.Collection(definition);
  const seen = new Set<string>();
  collection.forEachItem((item) => {
    if (seen.has(item.id)) item.id = randomUUID();
    seen.add(item.id);
    delete (item.request as { proxy?: unknown }).proxy;
  });
  return collection;
}

/** Counts the requests of a collection, folders included, for the start line. */
export function countRequests(collection: sdk.Collection): number {
  let count = 0;
  collection.forEachItem(() => {
    count += 1;
  });
  return count;
}
