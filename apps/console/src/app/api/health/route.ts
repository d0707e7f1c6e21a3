import { checkHealth } from "~/server/health";

// Readiness, for load balancers and orchestrators: 200 while this process can do its work, 503 with
// the failing part named otherwise (and from the moment it starts shutting down). No secrets, no auth.
export const dynamic = "force-dynamic";

export async function GET() {
  const report = await checkHealth();
  return Response.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
