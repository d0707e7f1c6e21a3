"use client";

import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert, Button, DataTable, EmptyState, PageHeader, SelectField } from "@outpost/ui";
import { useTRPC } from "~/trpc/react";

type Role = "admin" | "editor" | "viewer";
const ROLES: Array<{ id: Role; label: string }> = [
  { id: "admin", label: "Admin" },
  { id: "editor", label: "Editor" },
  { id: "viewer", label: "Viewer" },
];

export function WorkspaceSettingsView({
  workspace,
}: {
  workspace: { id: string; name: string; type: "internal" | "personal" | "public"; role: Role };
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const workspaceId = workspace.id;
  const isAdmin = workspace.role === "admin";
  const { data: members } = useSuspenseQuery(trpc.workspace.members.queryOptions({ workspaceId }));
  const team = useQuery({ ...trpc.team.members.queryOptions(), enabled: isAdmin && workspace.type !== "personal" });
  const [newMember, setNewMember] = useState("");
  const [newRole, setNewRole] = useState<Role>("editor");
  const refresh = () => queryClient.invalidateQueries(trpc.workspace.members.pathFilter());
  const setMember = useMutation(trpc.workspace.setMember.mutationOptions({ onSuccess: refresh }));
  const removeMember = useMutation(trpc.workspace.removeMember.mutationOptions({ onSuccess: refresh }));
  const error = setMember.error ?? removeMember.error;
  const candidates = (team.data ?? []).filter((m) => !members.some((existing) => existing.userId === m.userId));

  return (
    <div className="space-y-6">
      <PageHeader eyebrow={workspace.name} title="Workspace settings" description="Who can see and change this workspace." />
      {workspace.type === "personal" ? (
        <EmptyState title="A personal workspace is yours alone">
          To work with teammates, create an internal workspace from the Workspaces page.
        </EmptyState>
      ) : (
        <section aria-labelledby="members-heading" className="space-y-3">
          <h2 id="members-heading" className="text-base font-semibold">
            Members
          </h2>
          <p className="text-sm text-slate-600">
            Team Admins and Super Admins administer every shared workspace. Editors create and change monitors,
            collections and environments; viewers read them.
          </p>
          {error ? <Alert>{error.message}</Alert> : null}
          <DataTable
            columns={[
              { label: "Name" },
              { label: "Email" },
              { label: "Role" },
              { label: "Actions", hidden: true },
            ]}
          >
                {members.map((member) => (
                  <tr key={member.userId}>
                    <th scope="row" className="px-4 py-3 text-left font-medium">{member.name}</th>
                    <td className="px-4 py-3 text-slate-700">{member.email}</td>
                    <td className="px-4 py-3">
                      {isAdmin ? (
                        <>
                          <label className="sr-only" htmlFor={`role-${member.userId}`}>
                            Role of {member.name}
                          </label>
                          <select
                            id={`role-${member.userId}`}
                            value={member.role}
                            onChange={(e) => setMember.mutate({ workspaceId, userId: member.userId, role: e.target.value as Role })}
                            className="rounded-md bg-white px-2 py-1 text-sm ring-1 ring-inset ring-slate-300"
                          >
                            {ROLES.map((role) => (
                              <option key={role.id} value={role.id}>
                                {role.label}
                              </option>
                            ))}
                          </select>
                        </>
                      ) : (
                        <span className="capitalize">{member.role}</span>
                      )}
                    </td>
                    <td className="px-4 py-3 text-right">
                      {isAdmin ? (
                        <Button variant="ghost" className="px-2 py-1" onClick={() => removeMember.mutate({ workspaceId, userId: member.userId })}>
                          Remove<span className="sr-only"> {member.name}</span>
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                ))}
          </DataTable>
          {isAdmin ? (
            <form
              className="flex flex-wrap items-end gap-3"
              onSubmit={(event) => {
                event.preventDefault();
                if (newMember) setMember.mutate({ workspaceId, userId: newMember, role: newRole }, { onSuccess: () => setNewMember("") });
              }}
            >
              <SelectField label="Team member" value={newMember} onChange={(e) => setNewMember(e.target.value)} className="w-72">
                <option value="">Select a team member</option>
                {candidates.map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.name} ({m.email})
                  </option>
                ))}
              </SelectField>
              <SelectField label="Role" value={newRole} onChange={(e) => setNewRole(e.target.value as Role)} className="w-36">
                {ROLES.map((role) => (
                  <option key={role.id} value={role.id}>
                    {role.label}
                  </option>
                ))}
              </SelectField>
              <Button type="submit" disabled={!newMember || setMember.isPending}>
                Add member
              </Button>
            </form>
          ) : null}
        </section>
      )}
    </div>
  );
}
