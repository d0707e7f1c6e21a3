"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, CheckboxField, FormSection, SelectField, TextAreaField, TextField } from "@outpost/ui";
import { RunnerPicker } from "~/app/(console)/_components/runners/runner-picker";
import { formErrors } from "~/app/(console)/_components/runners/trpc-errors";
import { useTRPC } from "~/trpc/react";
import { CollectionImport } from "./collection-import";
import type { MonitorFormContext, MonitorFormValues } from "./monitor-values";
import { ScheduleFields } from "./schedule-fields";

/** The monitor editor, for a new monitor or (with `monitorId`) an existing one. */
export function MonitorForm({
  context,
  initial,
  monitorId,
}: {
  context: MonitorFormContext;
  initial: MonitorFormValues;
  monitorId?: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const workspaceId = context.workspace.id;
  const [values, setValues] = useState(initial);
  const [recipients, setRecipients] = useState(initial.notifications.recipients.join(", "));
  const savedWebhook = initial.notifications.webhookHost;
  const [removingWebhook, setRemovingWebhook] = useState(false);
  const [errors, setErrors] = useState<{ fields: Record<string, string>; message?: string }>({ fields: {} });
  const set = <K extends keyof MonitorFormValues>(key: K, value: MonitorFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const setOption = <K extends keyof MonitorFormValues["options"]>(key: K, value: MonitorFormValues["options"][K]) =>
    setValues((v) => ({ ...v, options: { ...v.options, [key]: value } }));

  const collections = useQuery(trpc.collection.list.queryOptions({ workspaceId }));
  const environments = useQuery(trpc.environment.list.queryOptions({ workspaceId }));

  const done = async (id: string) => {
    await queryClient.invalidateQueries(trpc.monitor.pathFilter());
    router.push(`/workspaces/${workspaceId}/monitors/${id}`);
  };
  const onError = (error: unknown) => setErrors(formErrors(error));
  const create = useMutation(trpc.monitor.create.mutationOptions({ onSuccess: (m) => done(m.id), onError }));
  const update = useMutation(trpc.monitor.update.mutationOptions({ onSuccess: (m) => done(m.id), onError }));
  const pending = create.isPending || update.isPending;

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const fields: Record<string, string> = {};
    if (!values.name.trim()) fields.name = "Give your monitor a name.";
    if (!values.collectionId) fields.collectionId = "Select a collection.";
    if (values.runners.mode === "manual" && values.runners.runnerIds.length === 0) fields.runners = "Select at least one runner.";
    setErrors({ fields });
    if (Object.keys(fields).length > 0) return;
    const { webhookHost: _saved, webhookUrl: typed, ...notifications } = values.notifications;
    const payload = {
      ...values,
      workspaceId,
      notifications: {
        ...notifications,
        recipients: recipients.split(/[\s,;]+/).filter(Boolean),
        // Left out, the saved webhook stays as it is: the browser never had its URL to send back.
        webhookUrl: typed.trim() || (savedWebhook && !removingWebhook ? undefined : null),
      },
    };
    if (monitorId) update.mutate({ ...payload, monitorId });
    else create.mutate(payload);
  }

  return (
    <form noValidate onSubmit={submit} className="max-w-5xl">
      {errors.message ? <Alert>{errors.message}</Alert> : null}

      <FormSection title="Monitor" description="A monitor runs a collection on a schedule.">
        <TextField label="Name" value={values.name} onChange={(e) => set("name", e.target.value)} error={errors.fields.name} maxLength={200} />
        <div className="flex items-end gap-3">
          <SelectField
            label="Collection"
            className="flex-1"
            value={values.collectionId}
            onChange={(e) => set("collectionId", e.target.value)}
            error={errors.fields.collectionId}
          >
            <option value="">Select a collection</option>
            {(collections.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </SelectField>
          <div className={errors.fields.collectionId ? "mb-7" : ""}>
            <CollectionImport workspaceId={workspaceId} onImported={(c) => set("collectionId", c.id)} />
          </div>
        </div>
        <SelectField
          label="Environment"
          value={values.environmentId ?? ""}
          onChange={(e) => set("environmentId", e.target.value || null)}
        >
          <option value="">No environment</option>
          {(environments.data ?? []).map((env) => (
            <option key={env.id} value={env.id}>
              {env.name}
            </option>
          ))}
        </SelectField>
      </FormSection>

      <FormSection title="Schedule" description="How often the monitor runs.">
        <ScheduleFields
          schedule={values.schedule}
          timezone={values.timezone}
          minimumMinutes={context.minimumMinutes}
          onChange={(schedule, timezone) => setValues((v) => ({ ...v, schedule, timezone }))}
          error={errors.fields.schedule}
        />
      </FormSection>

      <FormSection title="Runners" description="Where the monitor's requests are sent from.">
        <RunnerPicker
          workspaceId={workspaceId}
          workspaceType={context.workspace.type}
          privateMonitoring={context.privateMonitoring}
          canAddRunner={context.isTeamAdmin}
          value={values.runners}
          onChange={(runners) => set("runners", runners)}
          error={errors.fields.runners}
        />
      </FormSection>

      <FormSection title="Options">
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            label="Request timeout (ms)"
            type="number"
            min={1}
            placeholder="No timeout"
            value={values.options.requestTimeoutMs ?? ""}
            onChange={(e) => setOption("requestTimeoutMs", e.target.value ? Number(e.target.value) : null)}
          />
          <TextField
            label="Delay between requests (ms)"
            type="number"
            min={0}
            value={values.options.delayBetweenRequestsMs}
            onChange={(e) => setOption("delayBetweenRequestsMs", Number(e.target.value))}
          />
          <SelectField
            label="Retry on failure"
            value={values.options.retriesOnFailure}
            onChange={(e) => setOption("retriesOnFailure", Number(e.target.value) as 0 | 1 | 2)}
            hint="Retries count toward usage."
          >
            <option value={0}>Don&apos;t retry</option>
            <option value={1}>Once</option>
            <option value={2}>Twice</option>
          </SelectField>
        </div>
        <CheckboxField label="Follow redirects" checked={values.options.followRedirects} onChange={(on) => setOption("followRedirects", on)} />
        <CheckboxField label="SSL validation" checked={values.options.sslValidation} onChange={(on) => setOption("sslValidation", on)} />
      </FormSection>

      <FormSection title="Notifications" description="Who hears about failures and errors.">
        <TextAreaField
          label="Email recipients"
          rows={2}
          value={recipients}
          onChange={(e) => setRecipients(e.target.value)}
          hint="Up to 5 addresses, separated by commas."
          error={errors.fields.notifications}
        />
        <TextField
          label="Stop notifying after consecutive failures"
          type="number"
          min={1}
          max={100}
          value={values.notifications.stopAfterConsecutiveFailures}
          onChange={(e) => set("notifications", { ...values.notifications, stopAfterConsecutiveFailures: Number(e.target.value) })}
        />
        <TextField
          label="Webhook URL"
          type="url"
          placeholder={savedWebhook && !removingWebhook ? `Saved: posts to ${savedWebhook}. Enter a URL to replace it.` : "https://hooks.example.com/…"}
          value={values.notifications.webhookUrl}
          onChange={(e) => set("notifications", { ...values.notifications, webhookUrl: e.target.value })}
          hint={
            savedWebhook && !removingWebhook
              ? "Receives Slack-compatible JSON on failures and recoveries. The saved URL is not shown again: it often holds a token."
              : "Receives Slack-compatible JSON on failures and recoveries."
          }
        />
        {savedWebhook ? (
          <div className="flex items-center gap-3 text-sm text-slate-600">
            {removingWebhook ? <span>The webhook to {savedWebhook} is removed when you save.</span> : null}
            <Button variant="secondary" onClick={() => setRemovingWebhook((removing) => !removing)}>
              {removingWebhook ? "Keep the saved webhook" : "Remove webhook"}
            </Button>
          </div>
        ) : null}
      </FormSection>

      <div className="flex justify-end gap-2 py-6">
        <Button variant="secondary" onClick={() => router.back()}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : monitorId ? "Save changes" : "Create Monitor"}
        </Button>
      </div>
    </form>
  );
}
