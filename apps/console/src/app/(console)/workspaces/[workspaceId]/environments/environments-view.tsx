"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button, DataTable, EmptyState, PageHeader } from "@outpost/ui";
import { RelativeTime } from "~/app/(console)/_components/time";
import { useTRPC } from "~/trpc/react";
import { EnvironmentActions } from "./_components/environment-actions";
import { EnvironmentEditor, type Environment } from "./_components/environment-editor";

function plural(count: number, word: string) {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

export function EnvironmentsView({ workspace, canEdit }: { workspace: { id: string; name: string }; canEdit: boolean }) {
  const trpc = useTRPC();
  const { data: environments } = useSuspenseQuery(trpc.environment.list.queryOptions({ workspaceId: workspace.id }));
  // "new" for the Add dialog, an environment for Edit, null when closed.
  const [editing, setEditing] = useState<Environment | "new" | null>(null);
  const addButton = canEdit ? <Button onClick={() => setEditing("new")}>Add environment</Button> : null;

  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={workspace.name}
        title="Environments"
        description="Environments hold the variables a monitor's requests and scripts use, such as base URLs and API keys."
        actions={environments.length > 0 ? addButton : null}
      />
      {environments.length === 0 ? (
        <EmptyState title="No environments yet" action={addButton}>
          Add an environment to keep hosts, tokens and other values out of your collections. Secret values are stored
          encrypted and masked in run results.
        </EmptyState>
      ) : (
        <DataTable
          columns={[
            { label: "Name" },
            { label: "Variables" },
            { label: "Updated" },
            { label: "Actions", hidden: true },
          ]}
        >
              {environments.map((environment) => {
                const secrets = environment.variables.filter((v) => v.secret).length;
                return (
                  <tr key={environment.id}>
                    <th scope="row" className="px-4 py-3 text-left font-medium text-slate-900">
                      {environment.name}
                    </th>
                    <td className="whitespace-nowrap px-4 py-3 text-slate-700">
                      {environment.variables.length === 0 ? (
                        <span className="text-slate-500">None</span>
                      ) : (
                        plural(environment.variables.length, "variable")
                      )}
                      {secrets > 0 ? <span className="text-slate-500"> · {secrets} secret</span> : null}
                    </td>
                    <td className="whitespace-nowrap px-4 py-3 text-slate-700">
                      <RelativeTime value={environment.updatedAt} />
                    </td>
                    {canEdit ? (
                      <td className="px-4 py-3">
                        <EnvironmentActions
                          workspaceId={workspace.id}
                          environment={environment}
                          onEdit={() => setEditing(environment)}
                        />
                      </td>
                    ) : null}
                  </tr>
                );
              })}
        </DataTable>
      )}
      {editing ? (
        <EnvironmentEditor
          workspaceId={workspace.id}
          environment={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </div>
  );
}
