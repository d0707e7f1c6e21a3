"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { RouterOutputs } from "@outpost/api";
import { Alert, Button, Dialog, DialogActions, TextField } from "@outpost/ui";
import { formErrors } from "~/app/(console)/_components/runners/trpc-errors";
import { useTRPC } from "~/trpc/react";

export type Environment = RouterOutputs["environment"]["list"][number];

/** `storedKey`: the key of a secret whose value the server holds and the browser never sees. */
type Row = { id: number; key: string; value: string; secret: boolean; storedKey: string | null };

let lastRowId = 0;
const emptyRow = (): Row => ({ id: ++lastRowId, key: "", value: "", secret: false, storedKey: null });

function toRows(environment: Environment | null): Row[] {
  if (!environment || environment.variables.length === 0) return [emptyRow()];
  return environment.variables.map((v) => ({
    id: ++lastRowId,
    key: v.key,
    value: v.value ?? "",
    secret: v.secret,
    storedKey: v.secret && v.hasValue ? v.key : null,
  }));
}

// The server keeps a secret by its key, so a renamed secret no longer has a value to keep.
const keepsStored = (row: Row) => row.storedKey !== null && row.key.trim() === row.storedKey && row.value === "";

/** Blank rows are dropped; a secret left empty is sent as null, which keeps the stored value. */
function toVariables(rows: Row[]) {
  return rows
    .filter((row) => row.key.trim() !== "" || row.value !== "" || row.storedKey !== null)
    .map((row) => ({
      key: row.key,
      value: keepsStored(row) || (row.secret && row.value === "") ? null : row.value,
      secret: row.secret,
    }));
}

const inputClasses = (invalid: boolean) =>
  `block w-full rounded-md bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset placeholder:text-slate-400 focus:outline-none focus:ring-2 ${
    invalid ? "ring-red-400 focus:ring-red-500" : "ring-slate-300 focus:ring-indigo-600"
  }`;

/** Create (no `environment`) or edit an environment: its name and its ordered variables. */
export function EnvironmentEditor({
  workspaceId,
  environment,
  onClose,
}: {
  workspaceId: string;
  environment: Environment | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(environment?.name ?? "");
  const [rows, setRows] = useState(() => toRows(environment));
  const [errors, setErrors] = useState<ReturnType<typeof formErrors>>({ fields: {} });
  const [addedRowId, setAddedRowId] = useState<number | null>(null);
  const variablesErrorId = useId();
  const done = async () => {
    await queryClient.invalidateQueries(trpc.environment.pathFilter());
    onClose();
  };
  const onError = (error: unknown) => setErrors(formErrors(error));
  const create = useMutation(trpc.environment.create.mutationOptions({ onSuccess: done, onError }));
  const update = useMutation(trpc.environment.update.mutationOptions({ onSuccess: done, onError }));
  const pending = create.isPending || update.isPending;

  const change = (id: number, patch: Partial<Row>) => setRows(rows.map((row) => (row.id === id ? { ...row, ...patch } : row)));
  const keyCounts = new Map<string, number>();
  for (const row of rows) keyCounts.set(row.key.trim(), (keyCounts.get(row.key.trim()) ?? 0) + 1);
  // The server names the problem but not the row, so the rows that can cause it are marked here.
  const rowInvalid = (row: Row) =>
    Boolean(errors.fields.variables) &&
    (row.key.trim() === "" ? row.value !== "" || row.storedKey !== null : keyCounts.get(row.key.trim())! > 1);

  function addRow() {
    const row = emptyRow();
    setRows([...rows, row]);
    setAddedRowId(row.id);
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setErrors({ fields: {} });
    const input = { workspaceId, name, variables: toVariables(rows) };
    if (environment) update.mutate({ ...input, environmentId: environment.id });
    else create.mutate(input);
  }

  return (
    <Dialog
      open
      size="lg"
      onClose={onClose}
      title={environment ? "Edit environment" : "Add environment"}
      description={
        <>
          Requests and scripts use a variable as <code className="font-mono text-xs">{"{{key}}"}</code>. Secret values are
          stored encrypted and never shown again.
        </>
      }
    >
      <form noValidate onSubmit={submit} className="space-y-5">
        {errors.message ? <Alert>{errors.message}</Alert> : null}
        <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={errors.fields.name} autoFocus />
        <fieldset>
          <legend className="text-sm font-medium text-slate-900">Variables</legend>
          {rows.length > 0 ? (
            <table className="mt-2 w-full table-fixed text-sm">
              <thead className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="w-[35%] pb-1.5 pr-2">Key</th>
                  <th scope="col" className="pb-1.5 pr-2">Value</th>
                  <th scope="col" className="w-16 pb-1.5 text-center">Secret</th>
                  <th scope="col" className="w-9 pb-1.5"><span className="sr-only">Remove</span></th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, index) => {
                  const n = index + 1;
                  const invalid = rowInvalid(row);
                  return (
                    <tr key={row.id}>
                      <td className="py-1 pr-2">
                        <input
                          aria-label={`Key ${n}`}
                          aria-invalid={invalid || undefined}
                          aria-describedby={invalid ? variablesErrorId : undefined}
                          autoFocus={row.id === addedRowId}
                          value={row.key}
                          onChange={(e) => change(row.id, { key: e.target.value })}
                          autoComplete="off"
                          spellCheck={false}
                          className={`${inputClasses(invalid)} font-mono`}
                        />
                      </td>
                      <td className="py-1 pr-2">
                        <input
                          aria-label={`Value ${n}`}
                          type={row.secret ? "password" : "text"}
                          value={row.value}
                          placeholder={row.secret && row.storedKey !== null && row.key.trim() === row.storedKey ? "•••••• (unchanged)" : undefined}
                          onChange={(e) => change(row.id, { value: e.target.value })}
                          autoComplete={row.secret ? "new-password" : "off"}
                          spellCheck={false}
                          className={`${inputClasses(false)} font-mono`}
                        />
                      </td>
                      <td className="py-1 text-center">
                        <input
                          type="checkbox"
                          aria-label={`Secret ${n}`}
                          checked={row.secret}
                          onChange={(e) => change(row.id, { secret: e.target.checked })}
                          className="h-4 w-4 align-middle accent-indigo-600"
                        />
                      </td>
                      <td className="py-1 text-right">
                        <button
                          type="button"
                          aria-label={`Remove variable ${n}`}
                          onClick={() => setRows(rows.filter((r) => r.id !== row.id))}
                          className="rounded p-1.5 text-slate-400 hover:bg-slate-100 hover:text-slate-700"
                        >
                          <svg viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor" aria-hidden="true">
                            <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
                          </svg>
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : (
            <p className="mt-2 text-sm text-slate-500">No variables.</p>
          )}
          {errors.fields.variables ? <p id={variablesErrorId} className="mt-1.5 text-sm text-red-600">{errors.fields.variables}</p> : null}
          <Button variant="secondary" className="mt-3 px-2.5 py-1.5" onClick={addRow}>
            Add variable
          </Button>
        </fieldset>
        <DialogActions>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : environment ? "Save changes" : "Add environment"}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
