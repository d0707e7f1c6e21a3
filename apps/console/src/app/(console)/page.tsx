import type { Metadata } from "next";
import Link from "next/link";
import { Badge, Card, PageHeader } from "@outpost/ui";
import { serverCaller } from "~/trpc/server";

export const metadata: Metadata = { title: "Home" };

export default async function HomePage() {
  const caller = await serverCaller();
  const [team, workspaces] = await Promise.all([caller.team.current(), caller.workspace.list()]);
  const privateMonitoring =
    team.plan !== "free" && (team.plan !== "enterprise" || team.privateMonitoringEnabled);

  return (
    <div className="space-y-8">
      <PageHeader
        eyebrow={team.name}
        title="Home"
        description="Monitor your internal APIs from inside your own network. Pick a workspace to see the health of its monitors."
      />

      <section aria-labelledby="workspaces-heading">
        <h2 id="workspaces-heading" className="text-sm font-semibold text-slate-900">
          Your workspaces
        </h2>
        <ul className="mt-3 grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
          {workspaces.map((workspace) => (
            <li key={workspace.id}>
              <Link href={`/workspaces/${workspace.id}`} className="block">
                <Card className="p-5 transition hover:ring-indigo-300">
                  <div className="flex items-center justify-between">
                    <span className="font-medium text-slate-900">{workspace.name}</span>
                    <Badge tone={workspace.type === "internal" ? "indigo" : "slate"}>
                      {workspace.type === "internal" ? "Internal" : workspace.type === "personal" ? "Personal" : "Public"}
                    </Badge>
                  </div>
                  <p className="mt-2 text-sm text-slate-600">
                    Your role: <span className="capitalize">{workspace.role}</span>
                  </p>
                </Card>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="private-heading">
        <Card className="p-5">
          <h2 id="private-heading" className="text-sm font-semibold text-slate-900">
            Private API Monitoring
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            {privateMonitoring
              ? "Available for your team. Runners you install inside your network poll Outpost for monitor runs, so your internal endpoints are never exposed."
              : team.plan === "free"
                ? "Private API Monitoring is available with the Basic, Professional and Enterprise plans."
                : "To enable Private API Monitoring for your Enterprise team, ask the operator of this installation."}
          </p>
        </Card>
      </section>
    </div>
  );
}
