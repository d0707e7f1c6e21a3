import type { Metadata } from "next";
import { HydrateClient, prefetch, serverCaller, trpc } from "~/trpc/server";
import { WorkspacesView } from "./workspaces-view";

export const metadata: Metadata = { title: "Workspaces" };

export default async function WorkspacesPage() {
  const team = await (await serverCaller()).team.current();
  prefetch(trpc.workspace.list.queryOptions());
  return (
    <HydrateClient>
      <WorkspacesView teamName={team.name} canCreate={team.role !== "billing"} />
    </HydrateClient>
  );
}
