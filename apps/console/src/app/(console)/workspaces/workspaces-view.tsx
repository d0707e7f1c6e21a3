"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import {
  Alert,
  Badge,
  Button,
  DataTable,
  Dialog,
  DialogActions,
  PageHeader,
  RadioOption,
  TextField,
} from "@outpost/ui";
import { formErrors } from "~/app/(console)/_components/runners/trpc-errors";
import { useTRPC } from "~/trpc/react";

const TYPES = {
  internal: { label: "Internal", description: "Shared with your team. Monitors here can use private runners." },
  public: { label: "Public", description: "For APIs you share with the world. Monitors here run on the hosted runner." },
  personal: { label: "Personal", description: "Only you can see it." },
} as const;
type WorkspaceType = keyof typeof TYPES;

export function WorkspacesView({ teamName, canCreate }: { teamName: string; canCreate: boolean }) {
  const trpc = useTRPC();
  const { data: workspaces } = useSuspenseQuery(trpc.workspace.list.queryOptions());
  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={teamName}
        title="Workspaces"
        description="Workspaces hold your collections, environments and monitors."
        actions={canCreate ? <CreateWorkspace /> : null}
      />
      <DataTable
        columns={[
          { label: "Name" },
          { label: "Type" },
          { label: "Your role" },
        ]}
      >
            {workspaces.map((workspace) => (
              <tr key={workspace.id}>
                <th scope="row" className="px-4 py-3 text-left font-medium">
                  <Link href={`/workspaces/${workspace.id}/monitors`} className="text-indigo-700 hover:underline">
                    {workspace.name}
                  </Link>
                </th>
                <td className="px-4 py-3">
                  <Badge tone={workspace.type === "internal" ? "indigo" : "slate"}>{TYPES[workspace.type].label}</Badge>
                </td>
                <td className="px-4 py-3 capitalize text-slate-700">{workspace.role}</td>
              </tr>
            ))}
      </DataTable>
    </div>
  );
}

function CreateWorkspace() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [type, setType] = useState<WorkspaceType>("internal");
  const [errors, setErrors] = useState<{ fields: Record<string, string>; message?: string }>({ fields: {} });
  const close = () => {
    setOpen(false);
    setName("");
    setType("internal");
    setErrors({ fields: {} });
  };
  const create = useMutation(
    trpc.workspace.create.mutationOptions({
      onSuccess: async (workspace) => {
        await queryClient.invalidateQueries(trpc.workspace.list.pathFilter());
        close();
        // The sidebar is rendered by the server layout: refresh it along with the navigation.
        router.push(`/workspaces/${workspace.id}/monitors`);
        router.refresh();
      },
      onError: (error) => setErrors(formErrors(error)),
    }),
  );
  return (
    <>
      <Button onClick={() => setOpen(true)}>Create Workspace</Button>
      <Dialog open={open} onClose={close} title="Create Workspace">
        <form
          noValidate
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (!name.trim()) return setErrors({ fields: { name: "Give the workspace a name." } });
            create.mutate({ name, type });
          }}
        >
          {errors.message ? <Alert>{errors.message}</Alert> : null}
          <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={errors.fields.name} autoFocus />
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-900">Type</legend>
            {(Object.keys(TYPES) as WorkspaceType[]).map((option) => (
              <RadioOption
                key={option}
                name="workspace-type"
                value={option}
                checked={type === option}
                onChange={() => setType(option)}
                label={TYPES[option].label}
                description={TYPES[option].description}
              />
            ))}
          </fieldset>
          <DialogActions>
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? "Creating…" : "Create Workspace"}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
