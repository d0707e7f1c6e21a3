import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { fetchOrNull, HydrateClient, serverCaller, trpc } from "~/trpc/server";
import { RunnerDetail } from "./runner-detail";

export const metadata: Metadata = { title: "Runner" };

export default async function RunnerPage({ params }: { params: Promise<{ runnerId: string }> }) {
  const { runnerId } = await params;
  if (!z.uuid().safeParse(runnerId).success) notFound();
  const caller = await serverCaller();
  // Not the caller's to see (another team's, or not an admin): the page does not exist for them.
  if (!(await fetchOrNull(trpc.runner.get.queryOptions({ runnerId })))) notFound();
  const workspaces = await caller.workspace.list();
  return (
    <HydrateClient>
      <RunnerDetail
        runnerId={runnerId}
        internalWorkspaces={workspaces.filter((w) => w.type === "internal").map(({ id, name }) => ({ id, name }))}
      />
    </HydrateClient>
  );
}
