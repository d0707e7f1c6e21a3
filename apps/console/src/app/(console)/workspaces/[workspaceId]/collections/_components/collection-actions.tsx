"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ActionMenu, ConfirmDialog } from "@outpost/ui";
import { useTRPC } from "~/trpc/react";

type Action = "export" | "delete";

/** Hands the browser a file without a server round trip for the download itself. */
function saveFile(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking in the same task can cancel the download before the browser has read the blob.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Export (anyone) and Delete (editors) for one collection; failures are announced in place. */
export function CollectionActions({
  workspaceId,
  collection,
  canEdit,
}: {
  workspaceId: string;
  collection: { id: string; name: string };
  canEdit: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const at = { workspaceId, collectionId: collection.id };

  const remove = useMutation(
    trpc.collection.delete.mutationOptions({
      onSuccess: async () => {
        setConfirmDelete(false);
        await queryClient.invalidateQueries(trpc.collection.list.pathFilter());
      },
    }),
  );

  async function exportFile() {
    try {
      // Always fetched anew: the file must be what is stored now, not what a cache remembers.
      const { fileName, json } = await queryClient.fetchQuery({ ...trpc.collection.export.queryOptions(at), staleTime: 0 });
      saveFile(fileName, json);
    } catch (error) {
      setMessage(error instanceof Error ? error.message : "The export failed. Please try again.");
    }
  }

  function select(action: Action) {
    setMessage(null);
    if (action === "export") void exportFile();
    if (action === "delete") {
      remove.reset();
      setConfirmDelete(true);
    }
  }

  return (
    <div className="flex items-center justify-end gap-3">
      <span role="status" className="text-sm text-red-700">
        {message}
      </span>
      <ActionMenu<Action>
        items={[
          { id: "export", label: "Export" },
          ...(canEdit ? [{ id: "delete" as const, label: "Delete", danger: true }] : []),
        ]}
        onSelect={select}
      />
      {confirmDelete ? (
        <ConfirmDialog
          title="Delete collection"
          confirmLabel="Delete"
          pendingLabel="Deleting…"
          pending={remove.isPending}
          error={remove.error?.message}
          onConfirm={() => remove.mutate(at)}
          onClose={() => setConfirmDelete(false)}
        >
          Delete <strong>{collection.name}</strong>? This can&apos;t be undone: export it first if you may need it again.
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
