"use client";

import { useMemo } from "react";
import { SelectField, TextField } from "@outpost/ui";

export type Schedule =
  | { kind: "interval"; minutes: number }
  | { kind: "daily"; time: string }
  | { kind: "weekly"; weekday: number; time: string };

type Frequency = "minutes" | "hours" | "daily" | "weekly";
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

function frequencyOf(schedule: Schedule): Frequency {
  if (schedule.kind !== "interval") return schedule.kind;
  return schedule.minutes % 60 === 0 ? "hours" : "minutes";
}

export function ScheduleFields({
  schedule,
  timezone,
  minimumMinutes,
  onChange,
  error,
}: {
  schedule: Schedule;
  timezone: string;
  minimumMinutes: number;
  onChange: (schedule: Schedule, timezone: string) => void;
  error?: string;
}) {
  const zones = useMemo(() => {
    const all = Intl.supportedValuesOf("timeZone");
    return all.includes("UTC") ? all : ["UTC", ...all];
  }, []);
  const frequency = frequencyOf(schedule);
  const time = schedule.kind === "interval" ? "09:00" : schedule.time;

  function setFrequency(next: Frequency) {
    if (next === "minutes") onChange({ kind: "interval", minutes: Math.max(minimumMinutes, 5) }, timezone);
    if (next === "hours") onChange({ kind: "interval", minutes: 60 }, timezone);
    if (next === "daily") onChange({ kind: "daily", time }, timezone);
    if (next === "weekly") onChange({ kind: "weekly", weekday: 1, time }, timezone);
  }

  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <SelectField label="Frequency" value={frequency} onChange={(e) => setFrequency(e.target.value as Frequency)}>
        <option value="minutes">Every few minutes</option>
        <option value="hours">Hourly</option>
        <option value="daily">Daily</option>
        <option value="weekly">Weekly</option>
      </SelectField>
      {schedule.kind === "interval" && frequency === "minutes" ? (
        <TextField
          label="Every (minutes)"
          type="number"
          min={minimumMinutes}
          max={59}
          value={schedule.minutes}
          onChange={(e) => onChange({ kind: "interval", minutes: Number(e.target.value) }, timezone)}
          hint={`Your plan allows every ${minimumMinutes} minute${minimumMinutes === 1 ? "" : "s"} at most.`}
          error={error}
        />
      ) : null}
      {schedule.kind === "interval" && frequency === "hours" ? (
        <TextField
          label="Every (hours)"
          type="number"
          min={1}
          max={24}
          value={schedule.minutes / 60}
          onChange={(e) => onChange({ kind: "interval", minutes: Number(e.target.value) * 60 }, timezone)}
          error={error}
        />
      ) : null}
      {schedule.kind === "weekly" ? (
        <SelectField
          label="Day"
          value={schedule.weekday}
          onChange={(e) => onChange({ ...schedule, weekday: Number(e.target.value) }, timezone)}
        >
          {WEEKDAYS.map((day, index) => (
            <option key={day} value={index}>
              {day}
            </option>
          ))}
        </SelectField>
      ) : null}
      {schedule.kind !== "interval" ? (
        <TextField
          label="Time"
          type="time"
          value={schedule.time}
          onChange={(e) => onChange({ ...schedule, time: e.target.value }, timezone)}
          error={error}
        />
      ) : null}
      {schedule.kind !== "interval" ? (
        <SelectField label="Time zone" value={timezone} onChange={(e) => onChange(schedule, e.target.value)}>
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </SelectField>
      ) : null}
    </div>
  );
}
