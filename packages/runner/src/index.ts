import { PROTOCOL_VERSION } from "@outpost/contracts";

/** The runner agent is built in a later step; this package fixes its place in the graph. */
export const RUNNER_VERSION = "0.1.0";
export const RUNNER_PROTOCOL_VERSION = PROTOCOL_VERSION;

export * from "./executor";
export { processIo, runCommand, RUN_USAGE, type CommandIo, type RunCommandOptions } from "./cli/run";
export { formatReport } from "./cli/report";
