"use client";

import { RadioOption, SelectField } from "@outpost/ui";

export type VisibilityChoice = { visibility: "all_internal_workspaces" | "selected_workspace"; workspaceId: string };

/** Where a runner is visible: all internal workspaces, or one selected internal workspace. */
export function VisibilityFields({
  value,
  onChange,
  internalWorkspaces,
  error,
}: {
  value: VisibilityChoice;
  onChange: (value: VisibilityChoice) => void;
  internalWorkspaces: Array<{ id: string; name: string }>;
  error?: string;
}) {
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-900">Choose internal workspaces where the runner is visible</legend>
      <RadioOption
        name="visibility"
        value="all_internal_workspaces"
        checked={value.visibility === "all_internal_workspaces"}
        onChange={() => onChange({ ...value, visibility: "all_internal_workspaces" })}
        label="All internal workspaces in team"
        description="The runner is visible in all internal workspaces in your team."
      />
      <RadioOption
        name="visibility"
        value="selected_workspace"
        checked={value.visibility === "selected_workspace"}
        onChange={() => onChange({ ...value, visibility: "selected_workspace" })}
        label="Selected workspace"
        description="The runner is visible in one internal workspace. You can change this later."
      >
        {value.visibility === "selected_workspace" ? (
          <SelectField
            label="Select workspace"
            className="mt-3"
            value={value.workspaceId}
            onChange={(event) => onChange({ ...value, workspaceId: event.target.value })}
            error={error}
          >
            <option value="">Select workspace</option>
            {internalWorkspaces.map((workspace) => (
              <option key={workspace.id} value={workspace.id}>
                {workspace.name}
              </option>
            ))}
          </SelectField>
        ) : null}
      </RadioOption>
    </fieldset>
  );
}

export function visibilityInput(choice: VisibilityChoice) {
  return choice.visibility === "selected_workspace"
    ? { visibility: "selected_workspace" as const, workspaceId: choice.workspaceId }
    : { visibility: "all_internal_workspaces" as const };
}
