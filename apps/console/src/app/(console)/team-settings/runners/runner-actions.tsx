"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ActionMenu, Alert, Button, ConfirmDialog, Dialog, DialogActions, TextAreaField, TextField } from "@outpost/ui";
import { InstallCommands } from "~/app/(console)/_components/runners/install-commands";
import { formErrors } from "~/app/(console)/_components/runners/trpc-errors";
import {
  VisibilityFields,
  visibilityInput,
  type VisibilityChoice,
} from "~/app/(console)/_components/runners/visibility-fields";
import { useTRPC } from "~/trpc/react";

type Runner = {
  id: string;
  name: string;
  description: string;
  visibility: "all_internal_workspaces" | "selected_workspace";
  workspaceId: string | null;
};
type Workspaces = Array<{ id: string; name: string }>;
type Action = "install" | "edit" | "reset" | "delete" | null;

function useInvalidateRunners() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.runner.list.pathFilter()),
      queryClient.invalidateQueries(trpc.runner.get.pathFilter()),
      queryClient.invalidateQueries(trpc.runner.listForWorkspace.pathFilter()),
    ]);
}

/** Install, Edit, Reset key and Delete for one runner of Runner settings. */
export function RunnerActions({
  runner,
  internalWorkspaces,
  onDeleted,
}: {
  runner: Runner;
  internalWorkspaces: Workspaces;
  onDeleted?: () => void;
}) {
  const [action, setAction] = useState<Action>(null);
  const close = () => setAction(null);
  return (
    <div className="inline-block text-left">
      <ActionMenu<Exclude<Action, null>>
        items={[
          { id: "install", label: "Install" },
          { id: "edit", label: "Edit" },
          { id: "reset", label: "Reset key" },
          { id: "delete", label: "Delete", danger: true },
        ]}
        onSelect={setAction}
      />
      {action === "install" ? <InstallDialog runner={runner} onClose={close} /> : null}
      {action === "edit" ? <EditDialog runner={runner} internalWorkspaces={internalWorkspaces} onClose={close} /> : null}
      {action === "reset" ? <ResetKeyDialog runner={runner} onClose={close} /> : null}
      {action === "delete" ? <DeleteDialog runner={runner} onClose={close} onDeleted={onDeleted} /> : null}
    </div>
  );
}

function InstallDialog({ runner, onClose }: { runner: Runner; onClose: () => void }) {
  const trpc = useTRPC();
  const install = useQuery(trpc.runner.installCommand.queryOptions({ runnerId: runner.id }));
  return (
    <Dialog open onClose={onClose} title="Install Runner" description={`Start "${runner.name}" inside your internal network.`} size="lg">
      {install.error ? <Alert>{install.error.message}</Alert> : null}
      {install.data ? <InstallCommands commands={install.data.commands} withKey={false} /> : null}
      <DialogActions>
        <Button onClick={onClose}>Done</Button>
      </DialogActions>
    </Dialog>
  );
}

function EditDialog({ runner, internalWorkspaces, onClose }: { runner: Runner; internalWorkspaces: Workspaces; onClose: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateRunners();
  const [name, setName] = useState(runner.name);
  const [description, setDescription] = useState(runner.description);
  const [visibility, setVisibility] = useState<VisibilityChoice>({
    visibility: runner.visibility,
    workspaceId: runner.workspaceId ?? "",
  });
  const [errors, setErrors] = useState<{ fields: Record<string, string>; message?: string }>({ fields: {} });
  const update = useMutation(
    trpc.runner.update.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        onClose();
      },
      onError: (error) => setErrors(formErrors(error)),
    }),
  );
  return (
    <Dialog open onClose={onClose} title="Edit runner">
      <form
        noValidate
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (!name.trim()) return setErrors({ fields: { name: "Give your runner a name." } });
          if (visibility.visibility === "selected_workspace" && !visibility.workspaceId) {
            return setErrors({ fields: { visibility: "Select a workspace." } });
          }
          update.mutate({ runnerId: runner.id, name, description, visibility: visibilityInput(visibility) });
        }}
      >
        {errors.message ? <Alert>{errors.message}</Alert> : null}
        <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={errors.fields.name} />
        <TextAreaField
          label="Description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={errors.fields.description}
        />
        <VisibilityFields
          value={visibility}
          onChange={setVisibility}
          internalWorkspaces={internalWorkspaces}
          error={errors.fields.visibility}
        />
        <DialogActions>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={update.isPending}>
            {update.isPending ? "Saving…" : "Save"}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function ResetKeyDialog({ runner, onClose }: { runner: Runner; onClose: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateRunners();
  // gcTime 0: the new key is dropped from the mutation cache as soon as this dialog closes.
  const reset = useMutation(trpc.runner.resetKey.mutationOptions({ gcTime: 0, onSuccess: () => invalidate() }));
  if (reset.data) {
    return (
      <Dialog
        open
        onClose={onClose}
        title="Install Runner"
        description={`"${runner.name}" has a new key. Restart its instances with this command.`}
        size="lg"
      >
        <InstallCommands commands={reset.data.commands} withKey />
        <DialogActions>
          <Button onClick={onClose}>Done</Button>
        </DialogActions>
      </Dialog>
    );
  }
  return (
    <ConfirmDialog
      title="Reset runner key"
      confirmLabel="Reset key"
      pendingLabel="Resetting…"
      pending={reset.isPending}
      error={reset.error?.message}
      onConfirm={() => reset.mutate({ runnerId: runner.id })}
      onClose={onClose}
    >
      Reset the key of <strong>{runner.name}</strong>? The current key stops working at once: instances running with it
      can no longer take monitor runs until they are restarted with the new key.
    </ConfirmDialog>
  );
}

function DeleteDialog({ runner, onClose, onDeleted }: { runner: Runner; onClose: () => void; onDeleted?: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateRunners();
  const remove = useMutation(
    trpc.runner.delete.mutationOptions({
      onSuccess: async () => {
        onClose();
        onDeleted?.();
        await invalidate();
      },
    }),
  );
  return (
    <ConfirmDialog
      title="Delete runner"
      confirmLabel="Delete"
      pendingLabel="Deleting…"
      pending={remove.isPending}
      error={remove.error?.message}
      onConfirm={() => remove.mutate({ runnerId: runner.id })}
      onClose={onClose}
    >
      Delete <strong>{runner.name}</strong>? Its instances stop authenticating at once. This can&apos;t be undone.
    </ConfirmDialog>
  );
}
