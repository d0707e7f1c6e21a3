import { performance } from "node:perf_hooks";
import { createDispatchLoop, createRunnerGateway, shareQueueEvents } from "@outpost/api";
import { testSecrets } from "@outpost/api/testing/caller";
import { serveFetch } from "@outpost/api/testing/serve";
import { RunnerHeaders, RunnerRoutes } from "@outpost/contracts";
import type { Database, DatabaseHandle } from "@outpost/db";

/**
 * The console's runner side as one console process runs it: the runner gateway served over HTTP
 * on 127.0.0.1, the dispatch loop (scheduling and sweeping) ticking once a second, and on
 * PostgreSQL the NOTIFY of queued runs for other console processes. No hosted runner.
 * `dispatchLoop: false` leaves scheduling and sweeping out, for benchmarks that queue runs themselves.
 */
type LoopOptions = Parameters<typeof createDispatchLoop>[0];

export async function startConsole(
  { db, pool }: DatabaseHandle,
  {
    dispatchLoop = true,
    onIteration,
    loopDb = db,
  }: {
    dispatchLoop?: boolean;
    onIteration?: LoopOptions["onIteration"];
    /** The dispatch loop's database, when it should not share the gateway's pool. */
    loopDb?: Database;
  } = {},
) {
  const errors: unknown[] = [];
  const gateway = createRunnerGateway({ getDb: async () => db, secrets: () => testSecrets, log: (error) => errors.push(error) });
  // When each runner's latest claim was answered, to split a latency into console and runner time.
  const claimAnsweredAt = new Map<string, number>();
  const server = await serveFetch(async (request) => {
    const response = await gateway.handle(request);
    if (new URL(request.url).pathname === RunnerRoutes.claimRuns) {
      claimAnsweredAt.set(request.headers.get(RunnerHeaders.runnerId) ?? "", performance.now());
    }
    return response;
  });
  const loop = createDispatchLoop({ db: loopDb, onError: (error) => errors.push(error), onIteration });
  if (dispatchLoop) loop.start();
  const queueEvents = pool ? await shareQueueEvents(pool, (error) => errors.push(error)) : undefined;
  return {
    url: server.url,
    errors,
    /** performance.now() of the latest claim answer to this runner, if any. */
    claimAnsweredAt: (runnerId: string) => claimAnsweredAt.get(runnerId),
    async close() {
      await loop.stop();
      await queueEvents?.close();
      await server.close();
    },
  };
}

export type ConsoleUnderTest = Awaited<ReturnType<typeof startConsole>>;
