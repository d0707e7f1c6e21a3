import { RESULT_LIMITS, RunResult, type RequestExecution } from "@outpost/contracts";
import { describe, expect, it } from "vitest";
import { createMasker, sanitizeResult, truncate } from "./sanitize-result";

const at = "2025-03-14T10:05:00.120Z";

function execution(overrides: Partial<RequestExecution> = {}): RequestExecution {
  return {
    position: 0,
    requestName: "Health",
    method: "GET",
    url: "https://shop.example.com/api/health",
    statusCode: 200,
    responseTimeMs: 48,
    responseSizeBytes: 27,
    error: null,
    assertions: [],
    ...overrides,
  };
}

function result(overrides: Partial<RunResult> = {}): RunResult {
  return {
    outcome: "successful",
    errorMessage: null,
    startedAt: at,
    finishedAt: at,
    requestCount: 1,
    executions: [execution()],
    consoleLines: [],
    ...overrides,
  };
}

describe("createMasker", () => {
  it("masks raw and URL-encoded forms, longest secret first", () => {
    const mask = createMasker(["abc", "abc def", ""]);

    expect(mask("q=abc%20def&r=abc def&s=abc")).toBe("q=********&r=********&s=********");
    expect(createMasker([])("nothing to hide")).toBe("nothing to hide");
  });
});

describe("truncate", () => {
  it("cuts to the limit with an ellipsis and never splits a surrogate pair", () => {
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("abc", 4)).toBe("abc");
    expect(truncate("ab😀cd", 4)).toBe("ab…");
  });
});

describe("sanitizeResult", () => {
  it("masks secrets before truncating, so no prefix of a secret survives the cut", () => {
    const secret = "p".repeat(50);
    const message = "x".repeat(RESULT_LIMITS.text - 10) + secret;

    const sanitized = sanitizeResult(result({ errorMessage: message }), [secret]);

    expect(sanitized.errorMessage).not.toContain("pppp");
    expect(sanitized.errorMessage?.endsWith("********")).toBe(true);
  });

  it("caps executions and says how many were left out", () => {
    const executions = Array.from({ length: RESULT_LIMITS.executions + 5 }, (_, i) => execution({ position: i }));
    const end = { level: "stage" as const, message: "Run finished", loggedAt: at };

    const sanitized = sanitizeResult(result({ executions, consoleLines: [end] }), []);

    expect(sanitized.executions).toHaveLength(RESULT_LIMITS.executions);
    expect(sanitized.consoleLines.map((l) => l.message)).toEqual(["5 further request executions were not kept", "Run finished"]);
    expect(() => RunResult.parse(sanitized)).not.toThrow();
  });

  it("shrinks a result that is within the item limits but over the submission body size", () => {
    const assertions = Array.from({ length: RESULT_LIMITS.assertionsPerExecution }, (_, i) => ({
      name: `assertion ${i} ${"n".repeat(500)}`,
      passed: i !== 150,
      errorMessage: i === 150 ? "e".repeat(500) : null,
    }));
    const executions = Array.from({ length: 200 }, (_, i) => execution({ position: i, assertions }));

    const sanitized = sanitizeResult(result({ executions }), []);

    expect(Buffer.byteLength(JSON.stringify(sanitized))).toBeLessThan(RESULT_LIMITS.bodyBytes);
    expect(sanitized.executions).toHaveLength(200);
    // The failing assertion is kept when passing ones are cut.
    expect(sanitized.executions[0]?.assertions.some((a) => !a.passed)).toBe(true);
    expect(() => RunResult.parse(sanitized)).not.toThrow();
  });
});
