import type { ReactNode } from "react";
import { cn } from "./cn";
import { Card } from "./layout";

export type Column = {
  label: string;
  align?: "right";
  /** Read by screen readers only, e.g. an actions column. */
  hidden?: boolean;
};

/** A list as a real table, one row per thing, so it can be read row by row. Rows are the children. */
export function DataTable({ columns, children, cellPadding = "px-4" }: { columns: Column[]; children: ReactNode; cellPadding?: string }) {
  return (
    <Card className="overflow-x-auto lg:overflow-visible">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="whitespace-nowrap bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className={cn(cellPadding, "py-3", column.align === "right" && "text-right")}>
                {column.hidden ? <span className="sr-only">{column.label}</span> : column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </Card>
  );
}
