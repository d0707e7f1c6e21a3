"use client";

import { cn } from "@outpost/ui";
import { isFolder, requestOf, type Item, type Path } from "./model";

const METHOD_COLORS: Record<string, string> = {
  GET: "text-emerald-700",
  POST: "text-amber-700",
  PUT: "text-sky-700",
  PATCH: "text-violet-700",
  DELETE: "text-red-700",
};

/** The collection's folders and requests; selecting one opens it in the editor. */
export function ItemTree({
  items,
  selected,
  onSelect,
  path = [],
}: {
  items: Item[];
  selected: Path | null;
  onSelect: (path: Path) => void;
  path?: Path;
}) {
  return (
    <ul className={cn("space-y-0.5", path.length > 0 && "ml-3 border-l border-slate-200 pl-2")}>
      {items.map((item, index) => {
        const at = [...path, index];
        const active = selected?.join(".") === at.join(".");
        const method = isFolder(item) ? null : (requestOf(item).method ?? "GET");
        return (
          <li key={at.join(".")}>
            <button
              type="button"
              onClick={() => onSelect(at)}
              aria-current={active ? "true" : undefined}
              className={cn(
                "flex w-full items-center gap-2 rounded px-2 py-1 text-left text-sm",
                active ? "bg-indigo-50 font-medium text-indigo-800" : "text-slate-700 hover:bg-slate-100",
              )}
            >
              {method ? (
                <span className={cn("w-12 shrink-0 font-mono text-[11px] font-semibold", METHOD_COLORS[method] ?? "text-slate-600")}>
                  {method}
                </span>
              ) : (
                <span aria-hidden="true" className="w-4 shrink-0 text-slate-400">
                  ▸
                </span>
              )}
              <span className="truncate">{item.name || "Untitled"}</span>
              {method ? null : <span className="sr-only">(folder)</span>}
            </button>
            {isFolder(item) ? <ItemTree items={item.item ?? []} selected={selected} onSelect={onSelect} path={at} /> : null}
          </li>
        );
      })}
    </ul>
  );
}
