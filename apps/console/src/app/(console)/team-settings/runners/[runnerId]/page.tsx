import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { HydrateClient, prefetch, serverCaller, trpc } from "~/trpc/server";
import { RunnerDetail } from "./runner-detail";

export const metadata: Metadata = { title: "Runner" };

export default async function RunnerPage({ params }: { params: Promise<{ runnerId: string }> }) {
  const { runnerId } = await params;
  if (!z.uuid().safeParse(runnerId).success) notFound();
  const caller = await serverCaller();
  // Not the caller's to see (another team's, or not an admin): the page does not exist for them.
  const runner = await caller.runner.get({ runnerId }).catch(() => null);
  if (!runner) notFound();
  const workspaces = await caller.workspace.list();
  prefetch(trpc.runner.get.queryOptions({ runnerId }));
  return (
    <HydrateClient>
      <RunnerDetail
        runnerId={runnerId}
        internalWorkspaces={workspaces.filter((w) => w.type === "internal").map(({ id, name }) => ({ id, name }))}
      />
    </HydrateClient>
  );
}
