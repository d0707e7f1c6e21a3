import { signOutAction } from "./actions";

export function UserMenu({ name, email, role }: { name: string; email: string; role: string }) {
  const initials = name
    .split(/\s+/)
    .map((part) => part[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return (
    <details className="group relative">
      <summary
        aria-label="User menu"
        className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1 hover:bg-slate-800"
      >
        <span className="flex h-7 w-7 items-center justify-center rounded-full bg-indigo-500 text-xs font-semibold">
          {initials}
        </span>
        <span className="hidden text-sm text-slate-200 sm:inline">{name}</span>
      </summary>
      <div className="absolute right-0 mt-2 w-64 rounded-md bg-white p-1 text-slate-900 shadow-lg ring-1 ring-slate-200">
        <div className="border-b border-slate-100 px-3 py-2">
          <p className="truncate text-sm font-medium">{name}</p>
          <p className="truncate text-sm text-slate-500">{email}</p>
          <p className="mt-1 text-xs text-slate-500">{role}</p>
        </div>
        <form action={signOutAction}>
          <button type="submit" className="mt-1 w-full rounded px-3 py-2 text-left text-sm hover:bg-slate-100">
            Sign out
          </button>
        </form>
      </div>
    </details>
  );
}
