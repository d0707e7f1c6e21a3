"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { RouterOutputs } from "@outpost/api";
import { Badge, Button, Card, ConfirmDialog } from "@outpost/ui";
import { useTRPC } from "~/trpc/react";
import { formatCount, formatDay } from "./usage-format";

type Usage = RouterOutputs["usage"]["current"];

/** Overage: paid plans run on past the quota unless a Team Admin turns it off. */
export function OverageSetting({ usage, canChange }: { usage: Usage; canChange: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirmOff, setConfirmOff] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const setOverage = useMutation(
    trpc.usage.setOverage.mutationOptions({
      onSuccess: async ({ overageAllowed }) => {
        setConfirmOff(false);
        setSaved(overageAllowed ? "Overage allowed." : "Overage turned off.");
        await queryClient.invalidateQueries(trpc.usage.current.pathFilter());
      },
    }),
  );

  if (usage.plan === "free") {
    return (
      <Card className="px-5 py-4">
        <h3 className="text-base font-semibold">Overage</h3>
        <p className="mt-1 text-sm text-slate-600">
          On the Free plan, monitors pause when the monthly quota is used up and resume by themselves on{" "}
          {formatDay(usage.resetsAt)}. With the Basic, Professional or Enterprise plan they can run on as overage.
        </p>
      </Card>
    );
  }

  return (
    <Card className="px-5 py-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="max-w-2xl">
          <div className="flex items-center gap-2">
            <h3 className="text-base font-semibold">Overage</h3>
            <Badge tone={usage.overageAllowed ? "green" : "amber"}>{usage.overageAllowed ? "Allowed" : "Off"}</Badge>
          </div>
          <p className="mt-1 text-sm text-slate-600">
            {usage.overageAllowed
              ? "When the quota is used up, monitors keep running; requests above the quota are billed as overage."
              : `When the quota is used up, monitors pause until the next period starts on ${formatDay(usage.resetsAt)}.`}
            {canChange ? null : " Only Team Admins can change this."}
          </p>
        </div>
        {canChange ? (
          <div className="flex items-center gap-3">
            <span role="status" className="text-sm text-emerald-700">
              {saved}
            </span>
            {usage.overageAllowed ? (
              <Button variant="secondary" onClick={() => setConfirmOff(true)}>
                Turn off overage
              </Button>
            ) : (
              <Button disabled={setOverage.isPending} onClick={() => setOverage.mutate({ allowed: true })}>
                Allow overage
              </Button>
            )}
          </div>
        ) : null}
      </div>
      {!usage.overageAllowed && setOverage.error ? <p className="mt-2 text-sm text-red-700">{setOverage.error.message}</p> : null}
      {confirmOff ? (
        <ConfirmDialog
          title="Turn off overage"
          confirmLabel="Turn off overage"
          pendingLabel="Turning off…"
          pending={setOverage.isPending}
          error={setOverage.error?.message}
          onConfirm={() => setOverage.mutate({ allowed: false })}
          onClose={() => setConfirmOff(false)}
        >
          {usage.used >= usage.quota
            ? `Your team has already used its ${formatCount(usage.quota)} requests this month: all its monitors pause now, until ${formatDay(usage.resetsAt)}.`
            : `When your team has used its ${formatCount(usage.quota)} requests this month, all its monitors pause until ${formatDay(usage.resetsAt)}.`}{" "}
          You can allow overage again at any time.
        </ConfirmDialog>
      ) : null}
    </Card>
  );
}
