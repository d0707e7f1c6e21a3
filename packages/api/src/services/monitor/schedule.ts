import type { TeamPlan } from "@outpost/db";
import { z } from "zod";

/** The shortest interval between scheduled runs each plan allows, in minutes. */
export const MIN_INTERVAL_MINUTES: Record<TeamPlan, number> = { free: 60, basic: 15, professional: 5, enterprise: 1 };

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use a time like 09:30.");

export const MonitorSchedule = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("interval"), minutes: z.number().int().min(1).max(7 * 24 * 60) }),
  z.object({ kind: z.literal("daily"), time: Time }),
  z.object({ kind: z.literal("weekly"), weekday: z.number().int().min(0).max(6), time: Time }),
]);
export type MonitorSchedule = z.infer<typeof MonitorSchedule>;

export const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, "Unknown time zone.");

/** Wall-clock parts of an instant in a time zone. */
function localParts(instant: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
    weekday: "short",
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "0";
  const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(get("weekday"));
  return { year: +get("year"), month: +get("month"), day: +get("day"), hour: +get("hour"), minute: +get("minute"), second: +get("second"), weekday };
}

/** The instant at which the wall clock in `timeZone` shows the given local time (DST-aware). */
function instantAt(timeZone: string, year: number, month: number, day: number, hour: number, minute: number): Date {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  let guess = asUtc;
  // Two corrections settle the zone's offset, also across a DST change.
  for (let i = 0; i < 2; i++) {
    const p = localParts(new Date(guess), timeZone);
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    guess += asUtc - shown;
  }
  return new Date(guess);
}

/** What decides when a monitor runs: its schedule, its time zone, and its id (for its second). */
export type Scheduled = { id: string; schedule: MonitorSchedule; timezone: string };

/**
 * The second within its scheduled minute at which a monitor runs, fixed per monitor (0–59, from its
 * id). Every minute-aligned schedule would otherwise fall due in the same instant: 10,000
 * one-minute monitors made 10,000 runs in one second, and each waited for those before it
 * (docs/benchmarks.md, "Scheduling"). Spread over the minute, they come 167 a second.
 */
export function secondOfMinute(monitorId: string): number {
  return Number.parseInt(monitorId.replaceAll("-", "").slice(0, 8), 16) % 60;
}

/**
 * The next time a monitor is due strictly after `after`: the minute its schedule names, at the
 * monitor's own second of that minute.
 */
export function nextRunAt({ id, schedule, timezone }: Scheduled, after: Date): Date {
  const phase = secondOfMinute(id) * 1_000;
  if (schedule.kind === "interval") {
    // Whole intervals since the epoch, so a monitor's runs land on predictable times.
    const step = schedule.minutes * 60_000;
    return new Date((Math.floor((after.getTime() - phase) / step) + 1) * step + phase);
  }
  const [hour, minute] = schedule.time.split(":").map(Number) as [number, number];
  // The phase never carries a run into the next day: the latest is 23:59:59.
  const today = localParts(after, timezone);
  for (let offset = 0; offset <= 7; offset++) {
    const day = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    if (schedule.kind === "weekly" && day.getUTCDay() !== schedule.weekday) continue;
    const candidate = instantAt(timezone, day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), hour, minute);
    if (candidate.getTime() + phase > after.getTime()) return new Date(candidate.getTime() + phase);
  }
  throw new Error("unreachable: a daily or weekly time recurs within eight days");
}
