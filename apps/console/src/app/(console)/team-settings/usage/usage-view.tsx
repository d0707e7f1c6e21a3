"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { MonitorUsageTable } from "./monitor-usage-table";
import { OverageSetting } from "./overage-setting";
import { UsageMeter } from "./usage-meter";

export function UsageView({ canChangeOverage }: { canChangeOverage: boolean }) {
  const trpc = useTRPC();
  const { data: usage } = useSuspenseQuery(trpc.usage.current.queryOptions());
  return (
    <div className="space-y-6">
      <div>
        <h2 className="text-lg font-semibold">Usage</h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Monitor requests your team sent this month, against your plan&apos;s monthly quota. Every request counts:
          retries, and requests run by your private runners, included.
        </p>
      </div>
      <UsageMeter usage={usage} />
      <OverageSetting usage={usage} canChange={canChangeOverage} />
      <MonitorUsageTable usage={usage} />
    </div>
  );
}
