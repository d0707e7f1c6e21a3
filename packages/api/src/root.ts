import { collectionRouter } from "./router/collection";
import { environmentRouter } from "./router/environment";
import { monitorRouter } from "./router/monitor";
import { resultsRouter } from "./router/results";
import { runnerRouter } from "./router/runner";
import { teamRouter } from "./router/team";
import { usageRouter } from "./router/usage";
import { workspaceRouter } from "./router/workspace";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  collection: collectionRouter,
  environment: environmentRouter,
  monitor: monitorRouter,
  results: resultsRouter,
  runner: runnerRouter,
  team: teamRouter,
  usage: usageRouter,
  workspace: workspaceRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
