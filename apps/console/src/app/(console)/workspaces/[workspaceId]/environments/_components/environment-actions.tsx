"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ActionMenu, ConfirmDialog } from "@outpost/ui";
import { useTRPC } from "~/trpc/react";

type Action = "edit" | "delete";

/** Edit and Delete for one environment; a refused delete (monitors use it) is shown in the dialog. */
export function EnvironmentActions({
  workspaceId,
  environment,
  onEdit,
}: {
  workspaceId: string;
  environment: { id: string; name: string };
  onEdit: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const remove = useMutation(
    trpc.environment.delete.mutationOptions({
      onSuccess: async () => {
        setConfirmDelete(false);
        await queryClient.invalidateQueries(trpc.environment.pathFilter());
      },
    }),
  );

  function select(action: Action) {
    if (action === "edit") onEdit();
    if (action === "delete") {
      remove.reset();
      setConfirmDelete(true);
    }
  }

  return (
    <div className="flex justify-end">
      <ActionMenu<Action>
        items={[
          { id: "edit", label: "Edit" },
          { id: "delete", label: "Delete", danger: true },
        ]}
        onSelect={select}
      />
      {confirmDelete ? (
        <ConfirmDialog
          title="Delete environment"
          confirmLabel="Delete"
          pendingLabel="Deleting…"
          pending={remove.isPending}
          error={remove.error?.message}
          onConfirm={() => remove.mutate({ workspaceId, environmentId: environment.id })}
          onClose={() => setConfirmDelete(false)}
        >
          Delete <strong>{environment.name}</strong> and all its variables? This can&apos;t be undone.
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
