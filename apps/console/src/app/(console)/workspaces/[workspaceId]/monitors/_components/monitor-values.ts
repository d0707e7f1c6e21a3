import type { RunnerChoice } from "~/app/(console)/_components/runners/runner-picker";
import type { Schedule } from "./schedule-fields";

export type MonitorFormValues = {
  name: string;
  collectionId: string;
  environmentId: string | null;
  schedule: Schedule;
  timezone: string;
  runners: RunnerChoice;
  options: {
    requestTimeoutMs: number | null;
    delayBetweenRequestsMs: number;
    retriesOnFailure: 0 | 1 | 2;
    followRedirects: boolean;
    sslValidation: boolean;
  };
  /**
   * `webhookHost`: where the saved webhook posts (its URL is never sent to the browser);
   * `webhookUrl`: a new URL typed in the editor, "" for none.
   */
  notifications: { recipients: string[]; stopAfterConsecutiveFailures: number; webhookHost: string | null; webhookUrl: string };
};

export type MonitorFormContext = {
  workspace: { id: string; type: "internal" | "personal" | "public" };
  minimumMinutes: number;
  privateMonitoring: boolean;
  isTeamAdmin: boolean;
};

export function defaultMonitorValues(minimumMinutes: number): MonitorFormValues {
  return {
    name: "",
    collectionId: "",
    environmentId: null,
    schedule: { kind: "interval", minutes: Math.max(minimumMinutes, 60) },
    timezone: "UTC",
    runners: { mode: "auto" },
    options: { requestTimeoutMs: null, delayBetweenRequestsMs: 0, retriesOnFailure: 0, followRedirects: true, sslValidation: true },
    notifications: { recipients: [], stopAfterConsecutiveFailures: 3, webhookHost: null, webhookUrl: "" },
  };
}
