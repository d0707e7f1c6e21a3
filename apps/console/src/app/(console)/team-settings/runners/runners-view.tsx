"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { Alert, DataTable, EmptyState, SelectField, TextField } from "@outpost/ui";
import { AddRunnerWizard } from "~/app/(console)/_components/runners/add-runner-wizard";
import { HEALTH_LABELS, RunnerHealthDot, type RunnerHealth } from "~/app/(console)/_components/runners/health";
import { DateTime, RelativeTime } from "~/app/(console)/_components/time";
import { useTRPC } from "~/trpc/react";
import { RunnerActions } from "./runner-actions";
import { RunnersIntro } from "./runners-intro";

export function RunnersView({ internalWorkspaces }: { internalWorkspaces: Array<{ id: string; name: string }> }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [health, setHealth] = useState<RunnerHealth | "">("");
  const [createdById, setCreatedById] = useState("");
  const deferredSearch = useDeferredValue(search.trim());
  const filters = {
    ...(deferredSearch ? { search: deferredSearch } : {}),
    ...(health ? { health } : {}),
    ...(createdById ? { createdById } : {}),
  };
  const runners = useQuery({ ...trpc.runner.list.queryOptions(filters), placeholderData: keepPreviousData });
  const creators = useQuery(trpc.runner.creators.queryOptions());
  const filtered = Object.keys(filters).length > 0;

  return (
    <div className="space-y-4">
      <div className="flex items-start justify-between gap-4">
        <RunnersIntro />
        <AddRunnerWizard source="runner_settings" internalWorkspaces={internalWorkspaces} />
      </div>

      <div className="flex flex-wrap items-end gap-3">
        <TextField
          label="Search by name"
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          className="w-64"
          maxLength={100}
        />
        <SelectField
          label="Health"
          value={health}
          onChange={(event) => setHealth(event.target.value as RunnerHealth | "")}
          className="w-40"
        >
          <option value="">All</option>
          {(Object.keys(HEALTH_LABELS) as RunnerHealth[]).map((h) => (
            <option key={h} value={h}>
              {HEALTH_LABELS[h]}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Created by"
          value={createdById}
          onChange={(event) => setCreatedById(event.target.value)}
          className="w-48"
        >
          <option value="">Anyone</option>
          {(creators.data ?? []).map((creator) => (
            <option key={creator.id} value={creator.id}>
              {creator.name}
            </option>
          ))}
        </SelectField>
      </div>

      {runners.error ? <Alert>{runners.error.message}</Alert> : null}
      {runners.data && runners.data.length === 0 ? (
        <EmptyState title={filtered ? "No runners match" : "No runners yet"}>
          {filtered
            ? "Try another name, or clear the filters."
            : "Add a runner, then start it inside your internal network with the command Outpost gives you."}
        </EmptyState>
      ) : null}
      {runners.data && runners.data.length > 0 ? (
        <DataTable cellPadding="px-3"
          columns={[
            { label: "Name" },
            { label: "Health" },
            { label: "Last ping" },
            { label: "Workspace visibility" },
            { label: "Created by" },
            { label: "Created" },
            { label: "Modified" },
            { label: "Actions", hidden: true },
          ]}
        >
              {runners.data.map((runner) => (
                <tr key={runner.id} className="align-top">
                  <th scope="row" className="px-3 py-3 text-left font-medium">
                    <Link href={`/team-settings/runners/${runner.id}`} className="text-indigo-700 hover:underline">
                      {runner.name}
                    </Link>
                    {runner.description ? (
                      <p className="mt-0.5 max-w-[14rem] truncate font-normal text-slate-500">{runner.description}</p>
                    ) : null}
                  </th>
                  <td className="px-3 py-3">
                    <RunnerHealthDot health={runner.health} />
                  </td>
                  <td className="px-3 py-3 text-slate-700">
                    <RelativeTime value={runner.lastSeenAt} />
                  </td>
                  <td className="px-3 py-3 text-slate-700">
                    {runner.visibility === "all_internal_workspaces"
                      ? "All internal workspaces"
                      : (runner.workspaceName ?? "Selected workspace")}
                  </td>
                  <td className="px-3 py-3 text-slate-700">{runner.createdByName ?? "—"}</td>
                  <td className="whitespace-nowrap px-4 py-3 text-slate-700">
                    <DateTime value={runner.createdAt} dateOnly />
                  </td>
                  <td className="whitespace-nowrap px-4 py-3 text-slate-700">
                    <DateTime value={runner.updatedAt} dateOnly />
                  </td>
                  <td className="px-3 py-3 text-right">
                    <RunnerActions runner={runner} internalWorkspaces={internalWorkspaces} />
                  </td>
                </tr>
              ))}
        </DataTable>
      ) : null}
    </div>
  );
}
