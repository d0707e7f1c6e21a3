import type { Metadata } from "next";
import { EmptyState } from "@outpost/ui";
import { HydrateClient, prefetch, serverCaller, trpc } from "~/trpc/server";
import { RunnersIntro } from "./runners-intro";
import { RunnersView } from "./runners-view";

export const metadata: Metadata = { title: "Runners" };

function Explanation({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="space-y-4">
      <RunnersIntro />
      <EmptyState title={title}>{children}</EmptyState>
    </div>
  );
}

export default async function RunnersPage() {
  const caller = await serverCaller();
  const team = await caller.team.current();

  if (team.privateMonitoring === "not_on_plan") {
    return (
      <Explanation title="Private API Monitoring is not on your plan">
        Private API Monitoring is available with the Basic, Professional and Enterprise plans.
      </Explanation>
    );
  }
  if (team.privateMonitoring === "not_enabled") {
    return (
      <Explanation title="Private API Monitoring is not enabled for this team">
        To enable Private API Monitoring for your Enterprise team, ask the operator of this installation.
      </Explanation>
    );
  }
  if (team.plan !== "enterprise") {
    return (
      <Explanation title="Runner settings is available with Enterprise plans only">
        On your plan, Team Admins create runners from the monitor editor: under Runners, select Manually Select, then
        click Add Runner. Runners created there are visible in all internal workspaces in your team.
      </Explanation>
    );
  }
  if (team.role !== "admin" && team.role !== "super_admin") {
    return (
      <Explanation title="Only Team Admins manage runners">
        Ask a Team Admin or Super Admin of {team.name} to add a runner. Once a runner is set up, you can select it when
        you create a monitor in an internal workspace.
      </Explanation>
    );
  }

  const workspaces = await caller.workspace.list();
  prefetch(trpc.runner.list.queryOptions({}));
  prefetch(trpc.runner.creators.queryOptions());
  return (
    <HydrateClient>
      <RunnersView
        internalWorkspaces={workspaces.filter((w) => w.type === "internal").map(({ id, name }) => ({ id, name }))}
      />
    </HydrateClient>
  );
}
