import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { fetchOrNull, HydrateClient, prefetch, trpc } from "~/trpc/server";
import { editorContext } from "../_components/editor-context";
import { parseResultsParams, resultsInputs } from "./_results/results-params";
import { MonitorView } from "./monitor-view";

export const metadata: Metadata = { title: "Monitor" };

export default async function MonitorPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspaceId: string; monitorId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspaceId, monitorId } = await params;
  const context = await editorContext(workspaceId);
  if (!z.uuid().safeParse(monitorId).success) notFound();
  const at = { workspaceId, monitorId };
  if (!(await fetchOrNull(trpc.monitor.get.queryOptions(at)))) notFound();
  // The same view the browser will ask for, so the first render has its data.
  const inputs = resultsInputs(at, parseResultsParams(await searchParams));
  prefetch(trpc.results.summary.queryOptions(inputs.summary));
  prefetch(trpc.results.runs.queryOptions(inputs.runs));
  prefetch(trpc.results.filterOptions.queryOptions(at));
  prefetch(trpc.monitor.activity.queryOptions(at));
  return (
    <HydrateClient>
      <MonitorView workspace={{ id: workspaceId, name: context.workspaceName }} monitorId={monitorId} canEdit={context.canEdit} />
    </HydrateClient>
  );
}
