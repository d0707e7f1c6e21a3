"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@outpost/ui";

const ITEMS = [
  { href: "/team-settings", label: "General" },
  { href: "/team-settings/runners", label: "Runners" },
];

export function SettingsNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Team Settings" className="w-48 shrink-0">
      <ul className="space-y-1">
        {ITEMS.map((item) => {
          const active = pathname === item.href;
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "block rounded-md px-3 py-1.5 text-sm",
                  active ? "bg-white font-semibold text-indigo-700 shadow-sm ring-1 ring-slate-200" : "text-slate-700 hover:bg-slate-100",
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
