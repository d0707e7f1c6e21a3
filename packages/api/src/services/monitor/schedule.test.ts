import { describe, expect, it } from "vitest";
import { nextRunAt } from "./schedule";

describe("next run time", () => {
  const at = (iso: string) => new Date(iso);

  it("aligns interval schedules to whole intervals", () => {
    expect(nextRunAt({ kind: "interval", minutes: 5 }, "UTC", at("2026-11-27T10:02:30Z"))).toEqual(at("2026-11-27T10:05:00Z"));
    expect(nextRunAt({ kind: "interval", minutes: 5 }, "UTC", at("2026-11-27T10:05:00Z"))).toEqual(at("2026-11-27T10:10:00Z"));
    expect(nextRunAt({ kind: "interval", minutes: 60 }, "UTC", at("2026-11-27T10:59:59Z"))).toEqual(at("2026-11-27T11:00:00Z"));
  });

  it("runs daily at a wall-clock time in the monitor's time zone", () => {
    // 09:00 in Berlin is 08:00 UTC in winter.
    expect(nextRunAt({ kind: "daily", time: "09:00" }, "Europe/Berlin", at("2026-11-27T07:00:00Z"))).toEqual(at("2026-11-27T08:00:00Z"));
    expect(nextRunAt({ kind: "daily", time: "09:00" }, "Europe/Berlin", at("2026-11-27T08:00:00Z"))).toEqual(at("2026-11-28T08:00:00Z"));
    // Across the spring DST change the wall-clock time holds: 09:00 Berlin is 07:00 UTC in summer.
    expect(nextRunAt({ kind: "daily", time: "09:00" }, "Europe/Berlin", at("2026-03-28T09:00:00Z"))).toEqual(at("2026-03-29T07:00:00Z"));
    expect(nextRunAt({ kind: "daily", time: "23:30" }, "America/New_York", at("2026-11-27T12:00:00Z"))).toEqual(at("2026-11-28T04:30:00Z"));
  });

  it("runs weekly on the chosen weekday", () => {
    // 2026-11-27 is a Friday; Monday 08:15 UTC follows.
    expect(nextRunAt({ kind: "weekly", weekday: 1, time: "08:15" }, "UTC", at("2026-11-27T12:00:00Z"))).toEqual(at("2026-11-30T08:15:00Z"));
    expect(nextRunAt({ kind: "weekly", weekday: 5, time: "13:00" }, "UTC", at("2026-11-27T12:00:00Z"))).toEqual(at("2026-11-27T13:00:00Z"));
    expect(nextRunAt({ kind: "weekly", weekday: 5, time: "11:00" }, "UTC", at("2026-11-27T12:00:00Z"))).toEqual(at("2026-12-04T11:00:00Z"));
  });
});
