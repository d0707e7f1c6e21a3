import { runnerGateway } from "~/server/runner-gateway";

// Long-polls hold the request open for up to 25 seconds; never cache or pre-render this route.
export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return runnerGateway().handle(request);
}

export function GET(request: Request) {
  return runnerGateway().handle(request);
}
