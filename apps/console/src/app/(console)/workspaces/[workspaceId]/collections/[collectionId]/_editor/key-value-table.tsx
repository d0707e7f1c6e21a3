"use client";

import { Button } from "@outpost/ui";
import type { KeyValue } from "./model";

/** Editable key/value rows (params, headers, form fields); an empty last row adds one. */
export function KeyValueTable({ label, rows, onChange }: { label: string; rows: KeyValue[]; onChange: (rows: KeyValue[]) => void }) {
  const set = (index: number, change: Partial<KeyValue>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <div className="space-y-2">
      <table className="w-full text-sm">
        <thead className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="w-10 py-1"><span className="sr-only">Enabled</span></th>
            <th scope="col" className="py-1">Key</th>
            <th scope="col" className="py-1">Value</th>
            <th scope="col" className="w-10 py-1"><span className="sr-only">Remove</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              <td className="py-1">
                <input
                  type="checkbox"
                  aria-label={`${label} ${index + 1} enabled`}
                  checked={!row.disabled}
                  onChange={(e) => set(index, { disabled: e.target.checked ? undefined : true })}
                  className="h-4 w-4 accent-indigo-600"
                />
              </td>
              <td className="py-1 pr-2">
                <input
                  aria-label={`${label} ${index + 1} key`}
                  value={row.key}
                  onChange={(e) => set(index, { key: e.target.value })}
                  className="w-full rounded-md px-2 py-1.5 font-mono text-sm ring-1 ring-inset ring-slate-300 focus:outline-none focus:ring-2 focus:ring-indigo-600"
                />
              </td>
              <td className="py-1 pr-2">
                <input
                  aria-label={`${label} ${index + 1} value`}
                  value={row.value}
                  onChange={(e) => set(index, { value: e.target.value })}
                  className="w-full rounded-md px-2 py-1.5 font-mono text-sm ring-1 ring-inset ring-slate-300 focus:outline-none focus:ring-2 focus:ring-indigo-600"
                />
              </td>
              <td className="py-1">
                <button
                  type="button"
                  aria-label={`Remove ${label.toLowerCase()} ${index + 1}`}
                  onClick={() => onChange(rows.filter((_, i) => i !== index))}
                  className="rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700"
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Button variant="secondary" className="px-2.5 py-1" onClick={() => onChange([...rows, { key: "", value: "" }])}>
        Add {label.toLowerCase()}
      </Button>
    </div>
  );
}
