import { TRPCError } from "@trpc/server";
import { redirect } from "next/navigation";
import { TEAM_ROLE_LABELS } from "@outpost/auth";
import { auth } from "~/server/auth";
import { serverCaller } from "~/trpc/server";
import { Logo } from "../_components/logo";
import { NoTeam } from "./_components/no-team";
import { Sidebar } from "./_components/sidebar";
import { UserMenu } from "./_components/user-menu";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const session = await auth();
  if (!session?.user) redirect("/sign-in");

  const caller = await serverCaller();
  const team = await caller.team.current().catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return null;
    throw error;
  });
  if (!team) return <NoTeam email={session.user.email ?? ""} />;
  const workspaces = await caller.workspace.list();

  return (
    <div className="flex min-h-full flex-col">
      <header className="sticky top-0 z-20 flex h-14 items-center justify-between border-b border-slate-800 bg-slate-900 px-4 text-white">
        <div className="flex items-center gap-3">
          <Logo />
          <span className="text-base font-semibold tracking-tight">Outpost</span>
          <span className="mx-1 h-5 w-px bg-slate-700" aria-hidden="true" />
          <span className="text-sm font-medium text-slate-200" aria-label="Team">
            {team.name}
          </span>
          <span className="rounded bg-slate-800 px-1.5 py-0.5 text-xs font-medium capitalize text-slate-300">
            {team.plan} plan
          </span>
        </div>
        <UserMenu
          name={session.user.name ?? session.user.email ?? "Signed in"}
          email={session.user.email ?? ""}
          role={TEAM_ROLE_LABELS[team.role]}
        />
      </header>
      <div className="flex flex-1">
        <Sidebar workspaces={workspaces.map(({ id, name, type }) => ({ id, name, type }))} />
        <main className="min-w-0 flex-1 px-8 py-7">{children}</main>
      </div>
    </div>
  );
}
