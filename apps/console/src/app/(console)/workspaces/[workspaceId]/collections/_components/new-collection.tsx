"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, Dialog, DialogActions, TextField } from "@outpost/ui";
import { useTRPC } from "~/trpc/react";

/** An empty collection, opened in the request editor. */
export function NewCollection({ workspaceId }: { workspaceId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const create = useMutation(
    trpc.collection.create.mutationOptions({
      onSuccess: ({ id }) => router.push(`/workspaces/${workspaceId}/collections/${id}`),
    }),
  );
  return (
    <>
      <Button onClick={() => setOpen(true)}>New collection</Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="New collection">
        <form
          noValidate
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (name.trim()) create.mutate({ workspaceId, name });
          }}
        >
          {create.error ? <Alert>{create.error.message}</Alert> : null}
          <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
          <DialogActions>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={!name.trim() || create.isPending}>
              Create
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
