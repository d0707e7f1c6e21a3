// Liveness: the process is up and serving HTTP. It checks nothing else on purpose, so an orchestrator
// does not restart a console whose database is briefly away (readiness, /api/health, says that).
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
