import type { Metadata } from "next";
import { EmptyState } from "@outpost/ui";
import { serverCaller } from "~/trpc/server";

export const metadata: Metadata = { title: "Runners" };

export default async function RunnersPage() {
  const team = await (await serverCaller()).team.current();
  return (
    <div className="space-y-4">
      <div>
        <h2 className="text-lg font-semibold">Runners</h2>
        <p className="mt-1 text-sm text-slate-600">
          Runners run your monitors from inside your internal network and poll Outpost for monitor runs.
        </p>
      </div>
      {team.plan !== "enterprise" ? (
        <EmptyState title="Runner settings is available with Enterprise plans only">
          On your plan, Team Admins create runners from the monitor editor: under Runners, select Manually Select,
          then click Add Runner. Runners created there are visible in all internal workspaces in your team.
        </EmptyState>
      ) : !team.privateMonitoringEnabled ? (
        <EmptyState title="Private API Monitoring is not enabled for this team">
          Ask the operator of this installation to enable Private API Monitoring for your Enterprise team.
        </EmptyState>
      ) : (
        <EmptyState title="No runners yet">
          Runners you add here appear in this list with their health, last ping and workspace visibility.
        </EmptyState>
      )}
    </div>
  );
}
