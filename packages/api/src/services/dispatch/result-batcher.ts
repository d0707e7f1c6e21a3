import type { SubmitResultRequest, SubmitResultResponse } from "@outpost/contracts";
import type { Database } from "@outpost/db";
import { ingestResults, type Submission } from "./ingest-results";
import type { AuthenticatedRunner } from "./runner-identity";

export type ResultBatcherOptions = {
  /** Most results stored in one transaction. */
  maxBatch?: number;
  /** Batches in flight at once (each holds one database connection). */
  maxConcurrent?: number;
};

type Pending = Submission & { resolve: (response: SubmitResultResponse) => void; reject: (error: unknown) => void };

/**
 * Group commit for results: a submission that arrives while earlier batches are being stored waits
 * for the next batch instead of a transaction of its own. Alone, a result is stored at once; under
 * load, one transaction stores many, which is what lets one console keep up with a large fleet.
 * Two submissions for one run never share a batch or run in two batches at once.
 */
export function createResultBatcher(getDb: () => Promise<Database>, { maxBatch = 100, maxConcurrent = 4 }: ResultBatcherOptions = {}) {
  const pending: Pending[] = [];
  const inFlight = new Set<string>();
  let active = 0;

  function takeBatch(): Pending[] {
    const batch: Pending[] = [];
    const taken = new Set<string>();
    for (let i = 0; i < pending.length && batch.length < maxBatch; ) {
      const item = pending[i]!;
      if (inFlight.has(item.runId) || taken.has(item.runId)) {
        i += 1;
        continue;
      }
      taken.add(item.runId);
      batch.push(item);
      pending.splice(i, 1);
    }
    return batch;
  }

  function pump() {
    while (active < maxConcurrent) {
      const batch = takeBatch();
      if (batch.length === 0) return;
      active += 1;
      for (const item of batch) inFlight.add(item.runId);
      void store(batch).finally(() => {
        for (const item of batch) inFlight.delete(item.runId);
        active -= 1;
        pump();
      });
    }
  }

  async function store(batch: Pending[]) {
    try {
      const verdicts = await ingestResults(await getDb(), batch);
      batch.forEach((item, i) => {
        const verdict = verdicts[i]!;
        if (verdict.ok) item.resolve(verdict.response);
        else item.reject(verdict.error);
      });
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }

  return {
    submit(runner: AuthenticatedRunner, runId: string, input: SubmitResultRequest): Promise<SubmitResultResponse> {
      return new Promise((resolve, reject) => {
        pending.push({ runner, runId, input, resolve, reject });
        pump();
      });
    },
  };
}
