"use client";

import { useQuery } from "@tanstack/react-query";
import { Alert, CheckboxField, RadioOption } from "@outpost/ui";
import { useTRPC } from "~/trpc/react";
import { AddRunnerWizard } from "./add-runner-wizard";
import { RunnerHealthDot } from "./health";

export type RunnerChoice = { mode: "auto" } | { mode: "manual"; runnerIds: string[] };

/**
 * Runners: Auto-select (the hosted runner) or Manually Select among the private runners visible in
 * this workspace. Private runners exist only in internal workspaces, so elsewhere there is no choice.
 */
export function RunnerPicker({
  workspaceId,
  workspaceType,
  privateMonitoring,
  canAddRunner,
  value,
  onChange,
  error,
}: {
  workspaceId: string;
  workspaceType: "internal" | "personal" | "public";
  privateMonitoring: boolean;
  canAddRunner: boolean;
  value: RunnerChoice;
  onChange: (value: RunnerChoice) => void;
  error?: string;
}) {
  const trpc = useTRPC();
  const offered = workspaceType === "internal" && privateMonitoring;
  const runners = useQuery({ ...trpc.runner.listForWorkspace.queryOptions({ workspaceId }), enabled: offered });
  const selected = value.mode === "manual" ? value.runnerIds : [];

  if (!offered) {
    return (
      <p className="text-sm text-slate-600">
        This monitor runs on Outpost&apos;s hosted runner.{" "}
        {workspaceType === "internal"
          ? "Private API Monitoring is not available for your team."
          : "Runners are only supported in internal workspaces."}
      </p>
    );
  }

  const toggle = (runnerId: string, on: boolean) =>
    onChange({ mode: "manual", runnerIds: on ? [...selected, runnerId] : selected.filter((id) => id !== runnerId) });

  return (
    <fieldset className="space-y-3">
      <legend className="sr-only">Runners</legend>
      <RadioOption
        name="runner-mode"
        value="auto"
        checked={value.mode === "auto"}
        onChange={() => onChange({ mode: "auto" })}
        label="Auto-select"
        description="Run on Outpost's hosted runner."
      />
      <RadioOption
        name="runner-mode"
        value="manual"
        checked={value.mode === "manual"}
        onChange={() => onChange({ mode: "manual", runnerIds: selected })}
        label="Manually Select"
        description="Run on one or more runners in your internal network."
      >
        {value.mode === "manual" ? (
          <div className="mt-3 space-y-3">
            {runners.data && runners.data.length === 0 ? (
              <p className="text-sm text-slate-600">No runners are visible in this workspace yet.</p>
            ) : null}
            <ul className="space-y-2" aria-label="Runners visible in this workspace">
              {(runners.data ?? []).map((runner) => (
                <li key={runner.id}>
                  <CheckboxField
                    label={runner.name}
                    checked={selected.includes(runner.id)}
                    onChange={(on) => toggle(runner.id, on)}
                    description={<RunnerHealthDot health={runner.health} />}
                  />
                </li>
              ))}
            </ul>
            {canAddRunner ? (
              <AddRunnerWizard
                source="monitor_editor"
                onCreated={(runner) => onChange({ mode: "manual", runnerIds: [...selected, runner.id] })}
              />
            ) : null}
          </div>
        ) : null}
      </RadioOption>
      {error ? <Alert>{error}</Alert> : null}
    </fieldset>
  );
}
