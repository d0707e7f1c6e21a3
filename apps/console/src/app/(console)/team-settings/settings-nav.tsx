"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@outpost/ui";

const ITEMS = [
  { href: "/team-settings", label: "General", exact: true },
  { href: "/team-settings/runners", label: "Runners", exact: false },
  { href: "/team-settings/usage", label: "Usage", exact: false, usage: true },
];

/** The Team Settings tabs; Usage only for those who may see it (the page and its API refuse the others too). */
export function SettingsNav({ showUsage }: { showUsage: boolean }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Team Settings" className="border-b border-slate-200">
      <ul className="-mb-px flex gap-6">
        {ITEMS.filter((item) => showUsage || !item.usage).map((item) => {
          const active = item.exact ? pathname === item.href : pathname.startsWith(item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "block border-b-2 px-1 pb-3 text-sm font-medium",
                  active
                    ? "border-indigo-600 text-indigo-700"
                    : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
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
