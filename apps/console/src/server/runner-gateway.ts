import "server-only";
import { createRunnerGateway } from "@outpost/api";
import { env } from "~/env";
import { clientAddress } from "./client-address";
import { getDb } from "./db";
import { hostedRunnerCredential } from "./hosted-runner";
import { secretCipher } from "./secrets";

let gateway: ReturnType<typeof createRunnerGateway> | undefined;

export function runnerGateway() {
  gateway ??= createRunnerGateway({
    getDb,
    secrets: secretCipher,
    hostedRunner: hostedRunnerCredential,
    clientAddress: (request) => clientAddress(request, env().OUTPOST_TRUSTED_PROXY_HOPS),
    log: (error) => console.error("runner protocol request failed:", error),
  });
  return gateway;
}
