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

/** The next time a monitor is due strictly after `after`. */
export function nextRunAt(schedule: MonitorSchedule, timeZone: string, after: Date): Date {
  if (schedule.kind === "interval") {
    // Aligned to whole intervals since the epoch, so a monitor's runs land on predictable times.
    const step = schedule.minutes * 60_000;
    return new Date((Math.floor(after.getTime() / step) + 1) * step);
  }
  const [hour, minute] = schedule.time.split(":").map(Number) as [number, number];
  const today = localParts(after, timeZone);
  for (let offset = 0; offset <= 7; offset++) {
    const day = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    if (schedule.kind === "weekly" && day.getUTCDay() !== schedule.weekday) continue;
    const candidate = instantAt(timeZone, day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), hour, minute);
    if (candidate > after) return candidate;
  }
  throw new Error("unreachable: a daily or weekly time recurs within eight days");
}
