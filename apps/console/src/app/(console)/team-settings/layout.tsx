import { canSeeUsage } from "@outpost/auth";
import { serverCaller } from "~/trpc/server";
import { SettingsNav } from "./settings-nav";

export default async function TeamSettingsLayout({ children }: { children: React.ReactNode }) {
  const team = await (await serverCaller()).team.current();
  return (
    <div className="space-y-6">
      <div>
        <div className="mb-1 text-sm font-medium text-slate-500">{team.name}</div>
        <h1 className="mb-4 text-2xl font-semibold tracking-tight text-slate-900">Team Settings</h1>
        <SettingsNav showUsage={canSeeUsage(team.role)} />
      </div>
      {children}
    </div>
  );
}
