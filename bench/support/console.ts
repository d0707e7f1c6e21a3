import { performance } from "node:perf_hooks";
import { createDispatchLoop, createRunnerGateway, shareQueueEvents } from "@outpost/api";
import { testSecrets } from "@outpost/api/testing/caller";
import { serveFetch } from "@outpost/api/testing/serve";
import { RunnerHeaders, RunnerRoutes } from "@outpost/contracts";
import type { DatabaseHandle } from "@outpost/db";

/**
 * The console's runner side as one console process runs it: the runner gateway served over HTTP
 * on 127.0.0.1, the dispatch loop (scheduling and sweeping) ticking once a second, and on
 * PostgreSQL the NOTIFY of queued runs for other console processes. No hosted runner.
 */
export async function startConsole({ db, pool }: DatabaseHandle) {
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
  const loop = createDispatchLoop({ db, onError: (error) => errors.push(error) });
  loop.start();
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
