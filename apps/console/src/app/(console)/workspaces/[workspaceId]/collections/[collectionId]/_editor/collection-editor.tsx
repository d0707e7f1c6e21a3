"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert, Button, Card, PageHeader, TextField } from "@outpost/ui";
import { useTRPC } from "~/trpc/react";
import { ItemTree } from "./item-tree";
import { addTo, isFolder, itemAt, updateAt, type Collection, type Item, type Path } from "./model";
import { RequestEditor } from "./request-editor";

/** The request editor: the collection's tree on the left, the selected request or folder on the right. */
export function CollectionEditor({ workspace, collectionId, canEdit }: { workspace: { id: string; name: string }; collectionId: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const at = { workspaceId: workspace.id, collectionId };
  const { data } = useSuspenseQuery(trpc.collection.get.queryOptions(at));
  const [doc, setDoc] = useState<Collection>(data.definition as Collection);
  const [selected, setSelected] = useState<Path | null>(doc.item.length > 0 ? [0] : null);
  const [dirty, setDirty] = useState(false);
  const save = useMutation(
    trpc.collection.save.mutationOptions({
      onSuccess: async () => {
        setDirty(false);
        await queryClient.invalidateQueries(trpc.collection.pathFilter());
      },
    }),
  );

  const change = (next: Collection) => {
    setDoc(next);
    setDirty(true);
  };
  const selectedItem = selected ? itemAt(doc.item, selected) : undefined;
  const folderOfSelection: Path = !selected ? [] : selectedItem && isFolder(selectedItem) ? selected : selected.slice(0, -1);
  const add = (item: Item) => {
    const items = addTo(doc.item, folderOfSelection, item);
    change({ ...doc, item: items });
    const parent = folderOfSelection.length === 0 ? items : (itemAt(items, folderOfSelection)?.item ?? []);
    setSelected([...folderOfSelection, parent.length - 1]);
  };

  return (
    <div className="space-y-4">
      <PageHeader
        eyebrow={`${workspace.name} / Collections`}
        title={doc.info.name}
        actions={
          canEdit ? (
            <>
              <span role="status" className="text-sm text-slate-600">
                {save.isSuccess && !dirty ? "Saved" : dirty ? "Unsaved changes" : ""}
              </span>
              <Button disabled={!dirty || save.isPending} onClick={() => save.mutate({ ...at, text: JSON.stringify(doc) })}>
                {save.isPending ? "Saving…" : "Save"}
              </Button>
            </>
          ) : null
        }
      />
      {save.error ? <Alert>{save.error.message}</Alert> : null}
      <div className="grid gap-4 lg:grid-cols-[18rem_1fr]">
        <Card className="p-3">
          <TextField
            label="Collection name"
            value={doc.info.name}
            readOnly={!canEdit}
            onChange={(e) => change({ ...doc, info: { ...doc.info, name: e.target.value } })}
          />
          <nav aria-label="Requests" className="mt-4">
            {doc.item.length === 0 ? <p className="px-2 text-sm text-slate-500">No requests yet.</p> : null}
            <ItemTree items={doc.item} selected={selected} onSelect={setSelected} />
          </nav>
          {canEdit ? (
            <div className="mt-4 flex flex-wrap gap-2 border-t border-slate-100 pt-3">
              <Button variant="secondary" className="px-2.5 py-1" onClick={() => add({ name: "New request", request: { method: "GET", url: "" } })}>
                Add request
              </Button>
              <Button variant="secondary" className="px-2.5 py-1" onClick={() => add({ name: "New folder", item: [] })}>
                Add folder
              </Button>
            </div>
          ) : null}
        </Card>
        <Card className="p-5">
          {!selectedItem ? (
            <p className="text-sm text-slate-600">Add a request to start building this collection.</p>
          ) : (
            <fieldset disabled={!canEdit} className="space-y-4">
              {isFolder(selectedItem) ? (
                <TextField
                  label="Folder name"
                  value={selectedItem.name}
                  onChange={(e) => change({ ...doc, item: updateAt(doc.item, selected!, (f) => ({ ...f, name: e.target.value })) })}
                />
              ) : (
                <RequestEditor key={selected!.join(".")} item={selectedItem} onChange={(item) => change({ ...doc, item: updateAt(doc.item, selected!, () => item) })} />
              )}
              {canEdit ? (
                <button
                  type="button"
                  className="rounded px-2 py-1 text-sm font-medium text-red-700 hover:bg-red-50"
                  onClick={() => {
                    change({ ...doc, item: updateAt(doc.item, selected!, () => null) });
                    setSelected(null);
                  }}
                >
                  Delete {isFolder(selectedItem) ? "folder" : "request"}
                </button>
              ) : null}
            </fieldset>
          )}
        </Card>
      </div>
    </div>
  );
}
