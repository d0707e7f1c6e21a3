import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy, type TRPCQueryOptions } from "@trpc/tanstack-react-query";
import { cookies } from "next/headers";
import { cache } from "react";
import { appRouter, createCaller, createTRPCContext } from "@outpost/api";
import { publicUrl } from "~/env";
import { auth } from "~/server/auth";
import { getDb } from "~/server/db";
import { secretCipher } from "~/server/secrets";
import { createQueryClient } from "./query-client";

export const TEAM_COOKIE = "outpost-team";

/** The tRPC context of the current request: its session and database, created once per request. */
export const createRequestContext = cache(async () => {
  // Request-bound reads first: while Next probes a page for static rendering they end the render
  // before the database is touched.
  const [session, cookieStore] = await Promise.all([auth(), cookies()]);
  const db = await getDb();
  const userId = session?.user?.id;
  return createTRPCContext({
    db,
    session: userId ? { user: { id: userId, email: session.user?.email, name: session.user?.name } } : null,
    preferredTeamId: cookieStore.get(TEAM_COOKIE)?.value,
    publicUrl: publicUrl(),
    secrets: secretCipher(),
  });
});

export const getQueryClient = cache(createQueryClient);

export const trpc = createTRPCOptionsProxy({
  router: appRouter,
  ctx: createRequestContext,
  queryClient: getQueryClient,
});

/** Direct calls from server components, through the same procedures and checks as the browser. */
export const serverCaller = cache(async () => createCaller(await createRequestContext()));

export function HydrateClient({ children }: { children: React.ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}

export function prefetch<T extends ReturnType<TRPCQueryOptions<any>>>(queryOptions: T) {
  void getQueryClient().prefetchQuery(queryOptions);
}

/**
 * Fetches on the server and keeps the result for the client to hydrate, in one call; null when
 * the procedure refuses (the page then says "not found" rather than what exists).
 */
export async function fetchOrNull<T extends ReturnType<TRPCQueryOptions<any>>>(queryOptions: T) {
  try {
    return await getQueryClient().fetchQuery(queryOptions);
  } catch {
    return null;
  }
}
