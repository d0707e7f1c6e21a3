"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionMenu, ConfirmDialog } from "@outpost/ui";
import { useTRPC } from "~/trpc/react";

type Action = "run" | "pause" | "edit" | "delete";

/** Run now, Pause/Resume, Edit and Delete for one monitor; the outcome is announced in place. */
export function MonitorActions({
  workspaceId,
  monitor,
  onDeleted,
}: {
  workspaceId: string;
  monitor: { id: string; name: string; paused: boolean };
  onDeleted?: () => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const at = { workspaceId, monitorId: monitor.id };
  const refresh = () => queryClient.invalidateQueries(trpc.monitor.pathFilter());
  const fail = (error: { message: string }) => setMessage({ text: error.message, error: true });

  const runNow = useMutation(
    trpc.monitor.runNow.mutationOptions({
      onSuccess: async ({ runIds }) => {
        setMessage({ text: runIds.length === 1 ? "Run queued." : `${runIds.length} runs queued.` });
        // The queued run shows in the results at once, and they poll faster while it runs.
        await Promise.all([refresh(), queryClient.invalidateQueries(trpc.results.pathFilter())]);
      },
      onError: fail,
    }),
  );
  const setPaused = useMutation(trpc.monitor.setPaused.mutationOptions({ onSuccess: () => refresh(), onError: fail }));
  const remove = useMutation(
    trpc.monitor.delete.mutationOptions({
      onSuccess: async () => {
        setConfirmDelete(false);
        onDeleted?.();
        await refresh();
      },
    }),
  );

  function select(action: Action) {
    setMessage(null);
    if (action === "run") runNow.mutate(at);
    if (action === "pause") setPaused.mutate({ ...at, paused: !monitor.paused });
    if (action === "edit") router.push(`/workspaces/${workspaceId}/monitors/${monitor.id}/edit`);
    if (action === "delete") setConfirmDelete(true);
  }

  return (
    <div className="flex items-center justify-end gap-3">
      <span role="status" className={`text-sm ${message?.error ? "text-red-700" : "text-emerald-700"}`}>
        {message?.text}
      </span>
      <ActionMenu<Action>
        items={[
          { id: "run", label: "Run now" },
          { id: "pause", label: monitor.paused ? "Resume" : "Pause" },
          { id: "edit", label: "Edit" },
          { id: "delete", label: "Delete", danger: true },
        ]}
        onSelect={select}
      />
      {confirmDelete ? (
        <ConfirmDialog
          title="Delete monitor"
          confirmLabel="Delete"
          pendingLabel="Deleting…"
          pending={remove.isPending}
          error={remove.error?.message}
          onConfirm={() => remove.mutate(at)}
          onClose={() => setConfirmDelete(false)}
        >
          Delete <strong>{monitor.name}</strong> and all its run history? This can&apos;t be undone.
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
