import { describe, expect, it } from "vitest";
import { nextRunAt, secondOfMinute, type MonitorSchedule } from "./schedule";

const at = (iso: string) => new Date(iso);
/** A monitor id whose second of the minute is `second`. */
const idAt = (second: number) => `${second.toString(16).padStart(8, "0")}-0000-4000-8000-000000000000`;
const monitor = (schedule: MonitorSchedule, timezone = "UTC", second = 0) => ({ id: idAt(second), schedule, timezone });

describe("next run time", () => {
  it("aligns interval schedules to whole intervals", () => {
    expect(nextRunAt(monitor({ kind: "interval", minutes: 5 }), at("2026-11-27T10:02:30Z"))).toEqual(at("2026-11-27T10:05:00Z"));
    expect(nextRunAt(monitor({ kind: "interval", minutes: 5 }), at("2026-11-27T10:05:00Z"))).toEqual(at("2026-11-27T10:10:00Z"));
    expect(nextRunAt(monitor({ kind: "interval", minutes: 60 }), at("2026-11-27T10:59:59Z"))).toEqual(at("2026-11-27T11:00:00Z"));
  });

  it("runs daily at a wall-clock time in the monitor's time zone", () => {
    const daily = (time: string, zone: string) => monitor({ kind: "daily", time }, zone);
    // 09:00 in Berlin is 08:00 UTC in winter.
    expect(nextRunAt(daily("09:00", "Europe/Berlin"), at("2026-11-27T07:00:00Z"))).toEqual(at("2026-11-27T08:00:00Z"));
    expect(nextRunAt(daily("09:00", "Europe/Berlin"), at("2026-11-27T08:00:00Z"))).toEqual(at("2026-11-28T08:00:00Z"));
    // Across the spring DST change the wall-clock time holds: 09:00 Berlin is 07:00 UTC in summer.
    expect(nextRunAt(daily("09:00", "Europe/Berlin"), at("2026-03-28T09:00:00Z"))).toEqual(at("2026-03-29T07:00:00Z"));
    expect(nextRunAt(daily("23:30", "America/New_York"), at("2026-11-27T12:00:00Z"))).toEqual(at("2026-11-28T04:30:00Z"));
  });

  it("runs weekly on the chosen weekday", () => {
    const weekly = (weekday: number, time: string) => monitor({ kind: "weekly", weekday, time });
    // 2026-11-27 is a Friday; Monday 08:15 UTC follows.
    expect(nextRunAt(weekly(1, "08:15"), at("2026-11-27T12:00:00Z"))).toEqual(at("2026-11-30T08:15:00Z"));
    expect(nextRunAt(weekly(5, "13:00"), at("2026-11-27T12:00:00Z"))).toEqual(at("2026-11-27T13:00:00Z"));
    expect(nextRunAt(weekly(5, "11:00"), at("2026-11-27T12:00:00Z"))).toEqual(at("2026-12-04T11:00:00Z"));
  });

  it("runs each monitor at its own second of the scheduled minute, every time", () => {
    const every5 = monitor({ kind: "interval", minutes: 5 }, "UTC", 42);
    expect(nextRunAt(every5, at("2026-11-27T10:02:30Z"))).toEqual(at("2026-11-27T10:05:42Z"));
    // Still due this interval until its second has passed.
    expect(nextRunAt(every5, at("2026-11-27T10:05:30Z"))).toEqual(at("2026-11-27T10:05:42Z"));
    expect(nextRunAt(every5, at("2026-11-27T10:05:42Z"))).toEqual(at("2026-11-27T10:10:42Z"));

    const daily = monitor({ kind: "daily", time: "23:59" }, "Europe/Berlin", 59);
    expect(nextRunAt(daily, at("2026-11-27T22:59:30Z"))).toEqual(at("2026-11-27T22:59:59Z"));
    expect(nextRunAt(daily, at("2026-11-27T22:59:59Z"))).toEqual(at("2026-11-28T22:59:59Z"));
    const weekly = monitor({ kind: "weekly", weekday: 5, time: "13:00" }, "UTC", 7);
    expect(nextRunAt(weekly, at("2026-11-27T13:00:05Z"))).toEqual(at("2026-11-27T13:00:07Z"));
  });

  it("spreads monitors evenly over the minute", () => {
    const seconds = Array.from({ length: 6_000 }, () => secondOfMinute(crypto.randomUUID()));
    const perSecond = Array.from({ length: 60 }, (_, second) => seconds.filter((s) => s === second).length);
    // 100 expected in each; a second with none or with three times its share would be a burst.
    expect(Math.min(...perSecond)).toBeGreaterThan(50);
    expect(Math.max(...perSecond)).toBeLessThan(160);
  });
});
