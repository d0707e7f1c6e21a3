import { z } from "zod";
import { checkWebhookUrl } from "../notification/post-webhook";
import { MonitorSchedule, TimeZone } from "./schedule";

export const MonitorOptions = z.object({
  requestTimeoutMs: z.number().int().min(1).max(300_000).nullable().default(null),
  delayBetweenRequestsMs: z.number().int().min(0).max(60_000).default(0),
  retriesOnFailure: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(0),
  followRedirects: z.boolean().default(true),
  sslValidation: z.boolean().default(true),
});

export const MonitorNotifications = z.object({
  recipients: z
    .array(z.email("Enter valid email addresses.").max(320))
    .max(5, "At most 5 email recipients.")
    .default([]),
  stopAfterConsecutiveFailures: z.number().int().min(1).max(100).default(3),
  webhookUrl: z
    .url({ protocol: /^https?$/, error: "Enter an http(s) URL." })
    .max(2_000)
    .refine((url) => typeof checkWebhookUrl(url) !== "string", "This address can't receive webhooks.")
    // Left out: no webhook on a new monitor, the stored one kept on an update. Null removes it.
    .nullable()
    .optional(),
});

export const RunnerChoice = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("auto") }),
  z.object({
    mode: z.literal("manual"),
    runnerIds: z.array(z.uuid()).min(1, "Select at least one runner.").max(10, "Select at most 10 runners."),
  }),
]);
export type RunnerChoice = z.infer<typeof RunnerChoice>;

/** Everything the monitor editor saves. */
export const MonitorFields = z.object({
  name: z.string().trim().min(1, "Give your monitor a name.").max(100, "The name can be at most 100 characters."),
  collectionId: z.uuid("Select a collection."),
  environmentId: z.uuid().nullable().default(null),
  schedule: MonitorSchedule,
  timezone: TimeZone.default("UTC"),
  runners: RunnerChoice.default({ mode: "auto" }),
  options: MonitorOptions.default(MonitorOptions.parse({})),
  notifications: MonitorNotifications.default(MonitorNotifications.parse({})),
});
export type MonitorFields = z.output<typeof MonitorFields>;
