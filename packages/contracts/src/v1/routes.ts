import { RUNNER_API_BASE_PATH } from "../protocol";

/** Paths of protocol v1, relative to the console's URL. */
export const RunnerRoutes = {
  registerInstance: `${RUNNER_API_BASE_PATH}/instances`,
  claimRuns: `${RUNNER_API_BASE_PATH}/runs/claim`,
  renewLease: (runId: string) => `${RUNNER_API_BASE_PATH}/runs/${runId}/lease`,
  submitResult: (runId: string) => `${RUNNER_API_BASE_PATH}/runs/${runId}/result`,
} as const;
