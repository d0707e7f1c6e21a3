"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@outpost/ui";

type WorkspaceLink = { id: string; name: string; type: "internal" | "personal" | "public" };

function NavLink({ href, children, exact = false }: { href: string; children: React.ReactNode; exact?: boolean }) {
  const pathname = usePathname();
  const active = exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={cn(
        "flex items-center gap-2 rounded-md px-2.5 py-1.5 text-sm",
        active ? "bg-indigo-50 font-semibold text-indigo-700" : "text-slate-700 hover:bg-slate-100",
      )}
    >
      {children}
    </Link>
  );
}

const TYPE_LABEL: Record<WorkspaceLink["type"], string> = {
  internal: "Internal",
  personal: "Personal",
  public: "Public",
};

export function Sidebar({ workspaces }: { workspaces: WorkspaceLink[] }) {
  return (
    <nav aria-label="Console" className="w-64 shrink-0 border-r border-slate-200 bg-white px-3 py-5">
      <NavLink href="/" exact>
        Home
      </NavLink>

      <div className="mt-6 flex items-center justify-between px-2.5">
        <h2 className="text-xs font-semibold uppercase tracking-wider text-slate-500">Workspaces</h2>
        <Link href="/workspaces" className="text-xs font-medium text-indigo-700 hover:underline">
          All
        </Link>
      </div>
      {workspaces.length === 0 ? (
        <p className="px-2.5 py-1.5 text-sm text-slate-500">No workspaces yet</p>
      ) : (
        <ul className="mt-2 space-y-3">
          {workspaces.map((workspace) => (
            <li key={workspace.id}>
              <div className="flex items-center justify-between px-2.5 text-sm font-medium text-slate-900">
                <span className="truncate">{workspace.name}</span>
                <span className="ml-2 shrink-0 text-xs font-normal text-slate-500">{TYPE_LABEL[workspace.type]}</span>
              </div>
              <div className="mt-0.5 space-y-0.5 pl-3">
                <NavLink href={`/workspaces/${workspace.id}`} exact>
                  Dashboard
                </NavLink>
                <NavLink href={`/workspaces/${workspace.id}/monitors`}>Monitors</NavLink>
                <NavLink href={`/workspaces/${workspace.id}/collections`}>Collections</NavLink>
                <NavLink href={`/workspaces/${workspace.id}/environments`}>Environments</NavLink>
                <NavLink href={`/workspaces/${workspace.id}/settings`}>Workspace settings</NavLink>
              </div>
            </li>
          ))}
        </ul>
      )}

      <h2 className="mt-6 px-2.5 text-xs font-semibold uppercase tracking-wider text-slate-500">Team</h2>
      <div className="mt-2">
        <NavLink href="/team-settings">Team Settings</NavLink>
      </div>
    </nav>
  );
}
