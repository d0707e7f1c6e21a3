import { PROTOCOL_VERSION, RunnerHeaders, RunnerRoutes } from "@outpost/contracts";

/** Who a test request claims to be: a runner id and key, and (optionally) the client's address. */
export type Credentials = { runnerId: string; key: string; address?: string };

/** The header tests carry a client's address in; the gateway under test reads it through `clientAddress`. */
export const TEST_ADDRESS_HEADER = "x-test-client-address";
export const testClientAddress = (request: Request) => request.headers.get(TEST_ADDRESS_HEADER) ?? undefined;

/** A runner protocol request as a runner sends it; `body` is sent as is when it is a string or bytes. */
export function protocolRequest(path: string, credentials: Credentials, body: unknown, headers: Record<string, string> = {}) {
  const raw: BodyInit = typeof body === "string" ? body : body instanceof Uint8Array ? new Uint8Array(body) : JSON.stringify(body);
  return new Request(`http://127.0.0.1${path}`, {
    method: "POST",
    headers: {
      [RunnerHeaders.authorization]: `Bearer ${credentials.key}`,
      [RunnerHeaders.runnerId]: credentials.runnerId,
      [RunnerHeaders.protocolVersion]: String(PROTOCOL_VERSION),
      "content-type": "application/json",
      ...(credentials.address ? { [TEST_ADDRESS_HEADER]: credentials.address } : {}),
      ...headers,
    },
    body: raw,
  });
}

export const registerBody = (instanceId: string) => ({ instanceId, hostname: "edge-1", os: "linux", runnerVersion: "0.1.0" });

/** The four endpoints of protocol v1, each with a body that is valid for `instanceId` (and run and lease). */
export function endpoints(instanceId: string, runId: string, leaseId: string, result: unknown) {
  return {
    register: [RunnerRoutes.registerInstance, registerBody(instanceId)],
    claim: [RunnerRoutes.claimRuns, { instanceId, max: 1, waitMs: 0 }],
    renew: [RunnerRoutes.renewLease(runId), { instanceId, leaseId }],
    submit: [RunnerRoutes.submitResult(runId), { instanceId, leaseId, result }],
  } as const satisfies Record<string, readonly [string, unknown]>;
}

export const successfulResult = () => ({
  outcome: "successful" as const,
  errorMessage: null,
  startedAt: new Date().toISOString(),
  finishedAt: new Date().toISOString(),
  requestCount: 1,
  executions: [],
  consoleLines: [],
});

export async function errorCodeOf(response: Response) {
  return ((await response.json()) as { error?: { code?: string } }).error?.code;
}
