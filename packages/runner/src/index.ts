export { RUNNER_PROTOCOL_VERSION, RUNNER_VERSION } from "./version";

export * from "./executor";
export { processIo, runCommand, RUN_USAGE, type CommandIo, type RunCommandOptions } from "./cli/run";
export { formatReport } from "./cli/report";
