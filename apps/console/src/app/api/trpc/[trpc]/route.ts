import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@outpost/api";
import { isSameOrigin } from "~/server/same-origin";
import { createRequestContext } from "~/trpc/server";

// Collections up to 5 MB travel as an escaped JSON string inside the request.
const MAX_BODY_BYTES = 8 * 1024 * 1024;

async function handler(req: Request) {
  // Mutations come only from the console's own pages: a cross-site form or fetch is refused. (tRPC
  // itself answers a mutation sent as GET with 405, so queries are all a GET can reach.)
  if (req.method !== "GET" && req.method !== "HEAD" && !isSameOrigin(req)) {
    return Response.json({ error: "Cross-site requests are not allowed." }, { status: 403 });
  }
  if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    return Response.json({ error: "Request body too large." }, { status: 413 });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    router: appRouter,
    req,
    createContext: createRequestContext,
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        console.error(`tRPC ${path ?? "<no path>"} failed:`, error.cause ?? error);
      }
    },
  });
}

export { handler as GET, handler as POST };
