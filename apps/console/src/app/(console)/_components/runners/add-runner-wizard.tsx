"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert, Button, Dialog, DialogActions, TextAreaField, TextField } from "@outpost/ui";
import { useTRPC } from "~/trpc/react";
import { InstallCommands } from "./install-commands";
import { formErrors } from "./trpc-errors";
import { VisibilityFields, visibilityInput, type VisibilityChoice } from "./visibility-fields";

type Source = "runner_settings" | "monitor_editor";
type Step = "details" | "visibility" | "install";
type Created = { runner: { id: string; name: string }; commands: { cli: string; docker: string } };

const EMPTY_VISIBILITY: VisibilityChoice = { visibility: "all_internal_workspaces", workspaceId: "" };

/**
 * Add Runner, from Runner settings (name, description, visibility) or from the monitor editor
 * (name, description; visible in all internal workspaces). The key lives only in this component's
 * state between creation and closing; closing in any way forgets it.
 */
export function AddRunnerWizard({
  source,
  internalWorkspaces = [],
  onCreated,
}: {
  source: Source;
  internalWorkspaces?: Array<{ id: string; name: string }>;
  onCreated?: (runner: { id: string; name: string }) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [step, setStep] = useState<Step>("details");
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [visibility, setVisibility] = useState<VisibilityChoice>(EMPTY_VISIBILITY);
  const [errors, setErrors] = useState<{ fields: Record<string, string>; message?: string }>({ fields: {} });
  const [created, setCreated] = useState<Created | null>(null);

  const create = useMutation(
    trpc.runner.create.mutationOptions({
      // The key must not outlive the wizard in the mutation cache.
      gcTime: 0,
      onSuccess: async (result) => {
        setCreated(result);
        setStep("install");
        onCreated?.(result.runner);
        await Promise.all([
          queryClient.invalidateQueries(trpc.runner.list.pathFilter()),
          queryClient.invalidateQueries(trpc.runner.creators.pathFilter()),
          queryClient.invalidateQueries(trpc.runner.listForWorkspace.pathFilter()),
        ]);
      },
      onError: (error) => {
        const next = formErrors(error);
        setErrors(next);
        if (next.fields.name || next.fields.description) setStep("details");
      },
    }),
  );

  function close() {
    setOpen(false);
    setStep("details");
    setName("");
    setDescription("");
    setVisibility(EMPTY_VISIBILITY);
    setErrors({ fields: {} });
    setCreated(null);
    create.reset();
  }

  function checkDetails(): boolean {
    const fields: Record<string, string> = {};
    if (!name.trim()) fields.name = "Give your runner a name.";
    else if (name.trim().length > 100) fields.name = "The name can be at most 100 characters.";
    if (description.trim().length > 500) fields.description = "The description can be at most 500 characters.";
    setErrors({ fields });
    return Object.keys(fields).length === 0;
  }

  function submit() {
    if (!checkDetails()) return setStep("details");
    if (visibility.visibility === "selected_workspace" && !visibility.workspaceId) {
      return setErrors({ fields: { visibility: "Select a workspace." } });
    }
    create.mutate({ name, description, source, visibility: visibilityInput(visibility) });
  }

  const title = step === "install" ? "Install Runner" : "Add Runner";
  return (
    <>
      <Button onClick={() => setOpen(true)}>Add Runner</Button>
      <Dialog
        open={open}
        onClose={close}
        title={title}
        size={step === "install" ? "lg" : "md"}
        description={
          step === "install"
            ? `"${created?.runner.name}" is ready. Start it inside your internal network to connect it.`
            : source === "monitor_editor"
              ? "Runners created here are visible in all internal workspaces in your team."
              : undefined
        }
      >
        {errors.message ? (
          <div className="mb-4">
            <Alert>{errors.message}</Alert>
          </div>
        ) : null}

        {step === "details" ? (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              // React bubbles events through the portal: keep this submit out of any enclosing form.
              event.stopPropagation();
              if (source === "runner_settings") {
                if (checkDetails()) setStep("visibility");
              } else submit();
            }}
            className="space-y-4"
          >
            <p className="text-sm text-slate-600">Give your runner a name and description.</p>
            <TextField
              label="Name"
              value={name}
              onChange={(event) => setName(event.target.value)}
              error={errors.fields.name}
              maxLength={200}
              autoFocus
            />
            <TextAreaField
              label="Description"
              value={description}
              onChange={(event) => setDescription(event.target.value)}
              error={errors.fields.description}
              hint="Optional. Where the runner runs, and what it can reach."
            />
            <DialogActions>
              <Button variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" disabled={create.isPending}>
                {source === "runner_settings" ? "Next" : create.isPending ? "Creating…" : "Next: Install Runner"}
              </Button>
            </DialogActions>
          </form>
        ) : null}

        {step === "visibility" ? (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              // React bubbles events through the portal: keep this submit out of any enclosing form.
              event.stopPropagation();
              submit();
            }}
          >
            <VisibilityFields
              value={visibility}
              onChange={setVisibility}
              internalWorkspaces={internalWorkspaces}
              error={errors.fields.visibility}
            />
            <DialogActions>
              <Button variant="secondary" onClick={() => setStep("details")}>
                Back
              </Button>
              <Button type="submit" disabled={create.isPending}>
                {create.isPending ? "Creating…" : "Next: Install Runner"}
              </Button>
            </DialogActions>
          </form>
        ) : null}

        {step === "install" && created ? (
          <>
            <InstallCommands commands={created.commands} withKey />
            <DialogActions>
              <Button onClick={close}>Done</Button>
            </DialogActions>
          </>
        ) : null}
      </Dialog>
    </>
  );
}
