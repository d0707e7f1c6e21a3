import os from "node:os";
import { PROTOCOL_VERSION, RegisterInstanceResponse, RunnerHeaders, RunnerRoutes } from "@outpost/contracts";
import type { InstanceCredentials } from "./fleet";

/** One simulated instance's side of protocol v1: the same headers and schemas as the agent. */
export type ProtocolInstance = InstanceCredentials & { url: string; instanceId: string };

export async function post<T>(
  instance: ProtocolInstance,
  path: string,
  body: unknown,
  parse: (json: unknown) => T,
  signal: AbortSignal,
): Promise<T> {
  const response = await fetch(`${instance.url}${path}`, {
    method: "POST",
    headers: {
      [RunnerHeaders.authorization]: `Bearer ${instance.key}`,
      [RunnerHeaders.runnerId]: instance.runnerId,
      [RunnerHeaders.instanceId]: instance.instanceId,
      [RunnerHeaders.protocolVersion]: String(PROTOCOL_VERSION),
      "content-type": "application/json",
    },
    // A string is sent as is, so a body serialized ahead of time costs nothing while timing.
    body: typeof body === "string" ? body : JSON.stringify(body),
    signal,
  });
  const json: unknown = await response.json();
  if (!response.ok) throw new Error(`HTTP ${response.status} on ${path}: ${JSON.stringify(json).slice(0, 200)}`);
  return parse(json);
}

export async function registerInstance(instance: ProtocolInstance, signal: AbortSignal) {
  const body = { instanceId: instance.instanceId, hostname: os.hostname(), os: `${os.platform()} ${os.release()}`, runnerVersion: "bench" };
  await post(instance, RunnerRoutes.registerInstance, body, (json) => RegisterInstanceResponse.parse(json), signal);
}
