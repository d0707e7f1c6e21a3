import { PageHeader } from "@outpost/ui";
import { serverCaller } from "~/trpc/server";
import { SettingsNav } from "./settings-nav";

export default async function TeamSettingsLayout({ children }: { children: React.ReactNode }) {
  const team = await (await serverCaller()).team.current();
  return (
    <div className="space-y-6">
      <PageHeader eyebrow={team.name} title="Team Settings" />
      <div className="flex gap-8">
        <SettingsNav />
        <div className="min-w-0 flex-1">{children}</div>
      </div>
    </div>
  );
}
