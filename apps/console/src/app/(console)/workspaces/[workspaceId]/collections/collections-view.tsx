"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { DataTable, EmptyState, PageHeader } from "@outpost/ui";
import { RelativeTime } from "~/app/(console)/_components/time";
import { useTRPC } from "~/trpc/react";
import { CollectionImport } from "../monitors/_components/collection-import";
import { CollectionActions } from "./_components/collection-actions";
import { NewCollection } from "./_components/new-collection";

export function CollectionsView({ workspace, canEdit }: { workspace: { id: string; name: string }; canEdit: boolean }) {
  const trpc = useTRPC();
  const { data: collections } = useSuspenseQuery(trpc.collection.list.queryOptions({ workspaceId: workspace.id }));
  const [announcement, setAnnouncement] = useState("");
  const importAction = canEdit ? (
    <>
      <CollectionImport workspaceId={workspace.id} onImported={(c) => setAnnouncement(`Imported “${c.name}”.`)} />
      <NewCollection workspaceId={workspace.id} />
    </>
  ) : null;

  return (
    <div className="space-y-6">
      <PageHeader
        eyebrow={workspace.name}
        title="Collections"
        description="Collections hold the requests and test scripts your monitors run, in the Postman Collection v2.1 format."
        actions={collections.length > 0 ? importAction : null}
      />
      {/* The dialog closes on success, so the outcome is announced here for screen readers. */}
      <p role="status" className="sr-only">
        {announcement}
      </p>
      {collections.length === 0 ? (
        <EmptyState title="No collections yet" action={importAction}>
          {canEdit
            ? "Import a collection exported from Postman to start monitoring its requests."
            : "Editors of this workspace can import collections exported from Postman."}
        </EmptyState>
      ) : (
        <DataTable
          columns={[
            { label: "Name" },
            { label: "Requests", align: "right" },
            { label: "Updated" },
            { label: "Actions", hidden: true },
          ]}
        >
              {collections.map((collection) => (
                <tr key={collection.id}>
                  <th scope="row" className="px-4 py-3 text-left font-medium text-slate-900">
                    <Link href={`/workspaces/${workspace.id}/collections/${collection.id}`} className="text-indigo-700 hover:underline">
                      {collection.name}
                    </Link>
                  </th>
                  <td className="px-4 py-3 text-right tabular-nums text-slate-700">{collection.requestCount}</td>
                  <td className="whitespace-nowrap px-4 py-3 text-slate-700">
                    <RelativeTime value={collection.updatedAt} />
                  </td>
                  <td className="px-4 py-3">
                    <CollectionActions workspaceId={workspace.id} collection={collection} canEdit={canEdit} />
                  </td>
                </tr>
              ))}
        </DataTable>
      )}
    </div>
  );
}
