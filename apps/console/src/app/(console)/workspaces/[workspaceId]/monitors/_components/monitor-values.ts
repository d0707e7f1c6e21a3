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
  notifications: { recipients: string[]; stopAfterConsecutiveFailures: number; webhookUrl: string | null };
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
    notifications: { recipients: [], stopAfterConsecutiveFailures: 3, webhookUrl: null },
  };
}
