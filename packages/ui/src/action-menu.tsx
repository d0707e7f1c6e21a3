"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "./button";
import { cn } from "./cn";

export type MenuItem<Id extends string> = { id: Id; label: string; danger?: boolean };

/** One "Actions" button that opens a row's actions, so tables stay narrow. */
export function ActionMenu<Id extends string>({
  items,
  onSelect,
}: {
  items: Array<MenuItem<Id>>;
  onSelect: (id: Id) => void;
}) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && setOpen(false);
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div ref={ref} className="relative inline-block text-left">
      <Button variant="secondary" className="px-2.5 py-1" aria-expanded={open} onClick={() => setOpen(!open)}>
        Actions
        <svg viewBox="0 0 20 20" className="h-4 w-4 text-slate-500" fill="currentColor" aria-hidden="true">
          <path d="M5.22 8.22a.75.75 0 0 1 1.06 0L10 11.94l3.72-3.72a.75.75 0 1 1 1.06 1.06l-4.25 4.25a.75.75 0 0 1-1.06 0L5.22 9.28a.75.75 0 0 1 0-1.06Z" />
        </svg>
      </Button>
      {open ? (
        <ul className="absolute right-0 z-10 mt-1 w-40 rounded-md bg-white p-1 shadow-lg ring-1 ring-slate-200">
          {items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                onClick={() => {
                  setOpen(false);
                  onSelect(item.id);
                }}
                className={cn(
                  "w-full rounded px-3 py-1.5 text-left text-sm hover:bg-slate-100",
                  item.danger ? "text-red-700" : "text-slate-700",
                )}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
