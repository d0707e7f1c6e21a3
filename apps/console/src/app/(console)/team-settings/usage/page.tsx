import type { Metadata } from "next";
import { canSeeUsage, isTeamAdmin } from "@outpost/auth";
import { EmptyState } from "@outpost/ui";
import { HydrateClient, prefetch, serverCaller, trpc } from "~/trpc/server";
import { UsageView } from "./usage-view";

export const metadata: Metadata = { title: "Usage" };

export default async function UsagePage() {
  const team = await (await serverCaller()).team.current();
  if (!canSeeUsage(team.role)) {
    return (
      <EmptyState title="Usage is for Team Admins and Billing">
        Ask a Team Admin of {team.name} how many monitor requests your team has used this month.
      </EmptyState>
    );
  }
  prefetch(trpc.usage.current.queryOptions());
  return (
    <HydrateClient>
      <UsageView canChangeOverage={isTeamAdmin(team.role)} />
    </HydrateClient>
  );
}
