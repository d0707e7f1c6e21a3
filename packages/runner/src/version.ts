import { PROTOCOL_VERSION } from "@outpost/contracts";

export const RUNNER_VERSION = "0.1.0";
export const RUNNER_PROTOCOL_VERSION = PROTOCOL_VERSION;
