import type { Metadata } from "next";
import { Card } from "@outpost/ui";
import { TEAM_ROLE_LABELS } from "@outpost/auth";
import { serverCaller } from "~/trpc/server";

export const metadata: Metadata = { title: "Team Settings" };

const PLAN_LABELS = { free: "Free", basic: "Basic", professional: "Professional", enterprise: "Enterprise" };

export default async function TeamSettingsPage() {
  const team = await (await serverCaller()).team.current();
  const rows: Array<[string, string]> = [
    ["Team name", team.name],
    ["Team URL name", team.slug],
    ["Plan", PLAN_LABELS[team.plan]],
    [
      "Private API Monitoring",
      team.plan === "free"
        ? "Not available on the Free plan"
        : team.plan === "enterprise" && !team.privateMonitoringEnabled
          ? "Not enabled for this team"
          : "Enabled",
    ],
    ["Monitor usage above the quota", team.overageAllowed ? "Allowed (billed as overage)" : "Not allowed"],
    ["Your role", TEAM_ROLE_LABELS[team.role]],
  ];
  return (
    <Card>
      <div className="border-b border-slate-200 px-5 py-4">
        <h2 className="text-base font-semibold">General</h2>
      </div>
      <dl className="divide-y divide-slate-100">
        {rows.map(([term, value]) => (
          <div key={term} className="grid grid-cols-3 gap-4 px-5 py-3 text-sm">
            <dt className="font-medium text-slate-600">{term}</dt>
            <dd className="col-span-2 text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
