"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert, Button, Dialog, DialogActions, TextAreaField } from "@outpost/ui";
import { useTRPC } from "~/trpc/react";

/** Import a Postman Collection v2.1: paste its JSON or pick the exported file. */
export function CollectionImport({
  workspaceId,
  onImported,
}: {
  workspaceId: string;
  onImported: (collection: { id: string; name: string }) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const close = () => {
    setOpen(false);
    setText("");
    imported.reset();
  };
  const imported = useMutation(
    trpc.collection.import.mutationOptions({
      onSuccess: async (collection) => {
        await queryClient.invalidateQueries(trpc.collection.list.pathFilter());
        onImported(collection);
        close();
      },
    }),
  );

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Import collection
      </Button>
      <Dialog open={open} onClose={close} title="Import collection" description="Postman Collection v2.1 JSON, as exported from Postman.">
        <form
          noValidate
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            // React bubbles events through the portal: keep this submit out of the monitor form.
            event.stopPropagation();
            imported.mutate({ workspaceId, text });
          }}
        >
          {imported.error ? <Alert>{imported.error.message}</Alert> : null}
          <div>
            <label className="block text-sm font-medium text-slate-900" htmlFor="collection-file">
              Collection file
            </label>
            <input
              id="collection-file"
              type="file"
              accept="application/json,.json"
              className="mt-1.5 block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium"
              onChange={async (event) => {
                const file = event.target.files?.[0];
                if (file) setText(await file.text());
              }}
            />
          </div>
          <TextAreaField
            label="Collection JSON"
            rows={8}
            value={text}
            onChange={(event) => setText(event.target.value)}
            className="font-mono"
          />
          <DialogActions>
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" disabled={!text.trim() || imported.isPending}>
              {imported.isPending ? "Importing…" : "Import"}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
