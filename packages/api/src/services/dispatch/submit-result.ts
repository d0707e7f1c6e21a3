import type { SubmitResultRequest, SubmitResultResponse } from "@outpost/contracts";
import type { Database } from "@outpost/db";
import { ingestResults } from "./ingest-results";
import type { AuthenticatedRunner } from "./runner-identity";

/**
 * Stores one run's result (see ingestResults, which the runner gateway calls with whole batches of
 * concurrent submissions). Throws the refusal — lease lost, unknown instance — as a ServiceError.
 */
export async function submitResult(
  db: Database,
  runner: AuthenticatedRunner,
  runId: string,
  input: SubmitResultRequest,
): Promise<SubmitResultResponse> {
  const [verdict] = await ingestResults(db, [{ runner, runId, input }]);
  if (!verdict!.ok) throw verdict!.error;
  return verdict!.response;
}
