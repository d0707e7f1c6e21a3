import { describe, expect, it } from "vitest";
import { healthReport, SCHEDULER_STALE_MS } from "./health-report";

const now = Date.parse("2026-05-01T12:00:00Z");
const ticked = (agoMs: number) => new Date(now - agoMs);

describe("the console's health verdict", () => {
  it("is ok with a database that answers and a scheduler that ticked recently", () => {
    expect(healthReport({ database: "ok", lastTickAt: ticked(800), closing: false, now })).toEqual({
      status: "ok",
      database: "ok",
      scheduler: { status: "ok", lastTickAt: "2026-05-01T11:59:59.200Z", ageMs: 800 },
    });
  });

  it("names the failing part", () => {
    expect(healthReport({ database: "timeout", lastTickAt: ticked(800), closing: false, now })).toMatchObject({
      status: "failing",
      database: "timeout",
      scheduler: { status: "ok" },
    });
    expect(healthReport({ database: "ok", lastTickAt: ticked(SCHEDULER_STALE_MS), closing: false, now })).toMatchObject({
      status: "failing",
      database: "ok",
      scheduler: { status: "stale", ageMs: SCHEDULER_STALE_MS },
    });
    expect(healthReport({ database: "ok", lastTickAt: null, closing: false, now })).toMatchObject({
      status: "failing",
      scheduler: { status: "not_started", lastTickAt: null, ageMs: null },
    });
  });

  it("says closing once the shutdown began, however healthy the parts", () => {
    expect(healthReport({ database: "ok", lastTickAt: ticked(10), closing: true, now }).status).toBe("closing");
  });
});
