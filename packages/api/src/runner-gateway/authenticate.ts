import { PROTOCOL_VERSION, RunnerHeaders } from "@outpost/contracts";
import type { Database } from "@outpost/db";
import { HOSTED_RUNNER_ID, type AuthenticatedRunner, type HostedRunnerCredential } from "../services/dispatch/runner-identity";
import { authenticateRunnerKey } from "../services/runner/authenticate";
import { GatewayError } from "./respond";

/**
 * Checks the protocol version first (a runner too old or too new is told so plainly), then the
 * runner id and key: the key authenticates this protocol for its own runner and nothing else.
 */
export async function authenticateRequest(
  db: Database,
  request: Request,
  hosted?: HostedRunnerCredential,
): Promise<AuthenticatedRunner> {
  const version = request.headers.get(RunnerHeaders.protocolVersion);
  if (version !== String(PROTOCOL_VERSION)) {
    throw new GatewayError(
      400,
      "unsupported_protocol_version",
      `This console speaks runner protocol v${PROTOCOL_VERSION}; the runner sent ${version ? `v${version}` : "no version"}. Update the runner.`,
    );
  }
  const { runnerId, key } = presentedCredentials(request);
  if (runnerId === HOSTED_RUNNER_ID) {
    if (key && hosted?.accepts(key)) return { kind: "hosted" };
    throw unauthorized();
  }
  const runner = key && runnerId ? await authenticateRunnerKey(db, runnerId, key) : null;
  if (!runner) throw unauthorized();
  return { kind: "private", ...runner };
}

/** The runner id and key a request presents, unchecked ("" when absent). */
export function presentedCredentials(request: Request) {
  const authorization = request.headers.get(RunnerHeaders.authorization) ?? "";
  const key = authorization.startsWith("Bearer ") ? authorization.slice("Bearer ".length).trim() : "";
  return { runnerId: request.headers.get(RunnerHeaders.runnerId) ?? "", key };
}

function unauthorized() {
  return new GatewayError(401, "unauthorized", "The runner ID and key were not accepted. The key may have been reset or the runner deleted.");
}
