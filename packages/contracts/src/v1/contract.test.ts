// Backwards-compatibility guard for runner protocol v1. The console and the runner are deployed
// separately and must understand each other across one version of skew, so the stored payloads in
// ./fixtures are the contract: a schema change that breaks one of them breaks a deployed peer.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { PROTOCOL_VERSION, ProtocolError, RUNNER_API_BASE_PATH } from "../protocol";
import * as v1 from "./index";

type Kind = "accept" | "reject";
interface Fixture {
  file: string;
  schema: string;
  data: unknown;
}

const FIXTURES = new URL("./fixtures/", import.meta.url);
const FILE_NAME = /^[A-Z][A-Za-z0-9]*\.[a-z0-9]+(-[a-z0-9]+)*\.json$/;

// Fixtures name their schema by file-name prefix. ProtocolError is defined in ../protocol (it does not
// change with the version) but is sent on every v1 route, so its payloads are part of this contract.
const schemas: Record<string, z.ZodType> = { ProtocolError };
for (const [name, value] of Object.entries(v1)) if (value instanceof z.ZodType) schemas[name] = value;

function read(kind: Kind, file: string): unknown {
  return JSON.parse(readFileSync(new URL(`${kind}/${file}`, FIXTURES), "utf8"));
}
function load(kind: Kind): Fixture[] {
  return readdirSync(new URL(`${kind}/`, FIXTURES))
    .sort()
    .map((file) => ({ file, schema: file.split(".")[0] ?? "", data: read(kind, file) }));
}
function schemaOf({ file, schema }: Fixture): z.ZodType {
  const found = schemas[schema];
  if (!found) throw new Error(`${file} names schema "${schema}", which protocol v1 does not export`);
  return found;
}
const issuePaths = (error: z.ZodError) => error.issues.map((issue) => issue.path.join(".")).sort();

const accept = load("accept");
const reject = load("reject");

// Where each reject fixture must fail. Asserting the path (not just "it failed") keeps a fixture from
// passing for an unrelated reason, e.g. a typo elsewhere in it, while no longer testing its case.
const REJECT_PATHS: Record<string, string[]> = {
  "ClaimRunsRequest.max-seventeen.json": ["max"],
  "ClaimRunsRequest.max-zero.json": ["max"],
  "ClaimRunsRequest.wait-over-limit.json": ["waitMs"],
  "ClaimRunsResponse.job-missing-lease.json": ["jobs.0.lease"],
  "Job.collection-as-string.json": ["collection"],
  "Job.lease-expiry-not-iso.json": ["lease.expiresAt"],
  "Job.monitor-missing-id.json": ["monitor.id"], // loose objects still require their known fields
  "Job.retries-three.json": ["options.retriesOnFailure"],
  "Job.runid-invalid-uuid.json": ["runId"],
  "Job.secret-as-string.json": ["environment.1.secret"],
  "ProtocolError.flat-shape.json": ["error"],
  "ProtocolError.missing-message.json": ["error.message"],
  "RegisterInstanceRequest.invalid-uuid.json": ["instanceId"],
  "RegisterInstanceRequest.missing-instance-id.json": ["instanceId"],
  "RegisterInstanceResponse.claim-wait-as-string.json": ["claimWaitMs"],
  "RenewLeaseRequest.invalid-lease-id.json": ["leaseId"],
  // Timestamps travel as UTC with "Z" (Date#toISOString); an offset, as a raw database value might carry, is refused.
  "RenewLeaseResponse.expiry-with-offset.json": ["lease.expiresAt"],
  "RunResult.missing-finished-at.json": ["finishedAt"],
  "RunResult.unknown-outcome.json": ["outcome"],
  "SubmitResultRequest.negative-response-time.json": ["result.executions.0.responseTimeMs"],
  "SubmitResultRequest.status-code-42.json": ["result.executions.1.statusCode"],
  "SubmitResultRequest.unknown-console-level.json": ["result.consoleLines.1.level"],
  "SubmitResultResponse.accepted-false.json": ["accepted"],
};

describe("protocol v1 fixtures", () => {
  it("are named <Schema>.<case>.json after a schema that exists", () => {
    const files = [...accept, ...reject];
    expect(accept.length).toBeGreaterThan(0);
    expect(reject.length).toBeGreaterThan(0);
    expect(files.filter((f) => !FILE_NAME.test(f.file)).map((f) => f.file)).toEqual([]);
    expect(files.filter((f) => !(f.schema in schemas)).map((f) => f.file)).toEqual([]);
  });

  // One test per file (a plain loop, so the name is the whole file name, never truncated).
  for (const fixture of accept) it(`accepts ${fixture.file}`, () => {
    const result = schemaOf(fixture).safeParse(fixture.data);
    expect(result.error?.issues).toBeUndefined();
    // A Job must reach the runner whole, unknown fields included; nothing in it may be dropped.
    if (fixture.schema === "Job" || fixture.schema === "ClaimRunsResponse") {
      expect(result.data).toEqual(fixture.data);
    }
  });

  for (const fixture of reject) it(`rejects ${fixture.file}`, () => {
    const result = schemaOf(fixture).safeParse(fixture.data);
    expect(result.success).toBe(false);
    expect(result.error && issuePaths(result.error)).toEqual(REJECT_PATHS[fixture.file]);
  });

  it("lists an expected failure path for exactly the stored reject fixtures", () => {
    expect(Object.keys(REJECT_PATHS).sort()).toEqual(reject.map((f) => f.file));
  });

  it("keeps fields a newer console adds to Job and Job.monitor", () => {
    const data = read("accept", "Job.unknown-future-field.json") as Record<string, unknown>;
    const monitor = data.monitor as Record<string, unknown>;
    const extraTop = Object.keys(data).filter((k) => !(k in v1.Job.shape));
    const extraMonitor = Object.keys(monitor).filter((k) => !(k in v1.Job.shape.monitor.shape));
    // The fixture itself must keep carrying unknown fields, or this test would prove nothing.
    expect(extraTop.length).toBeGreaterThan(0);
    expect(extraMonitor.length).toBeGreaterThan(0);
    const parsed = v1.Job.parse(data);
    for (const k of extraTop) expect(parsed[k]).toEqual(data[k]);
    for (const k of extraMonitor) expect(parsed.monitor[k]).toEqual(monitor[k]);
  });

  it("cover every RunOutcome", () => {
    const outcomes = new Set<string>();
    for (const f of accept) {
      if (f.schema === "RunResult") outcomes.add(v1.RunResult.parse(f.data).outcome);
      if (f.schema === "SubmitResultRequest") outcomes.add(v1.SubmitResultRequest.parse(f.data).result.outcome);
    }
    expect([...outcomes].sort()).toEqual([...v1.RunOutcome.options].sort());
  });
});

// Cases too large to store readably, built from a stored fixture.
describe("protocol v1 result limits (generated)", () => {
  const base = v1.RunResult.parse(read("accept", "RunResult.successful.json"));
  const [execution] = base.executions;
  const [line] = base.consoleLines;
  if (!execution || !line) throw new Error("RunResult.successful.json needs an execution and a console line");
  const { executions: maxExecutions, text: maxText } = v1.RESULT_LIMITS;
  const manyExecutions = (n: number) => Array.from({ length: n }, (_, position) => ({ ...execution, position }));

  // Accepting the limits themselves matters for skew: a console that lowered them would refuse
  // results an older runner is still allowed to send.
  it("accepts RunResult.at-limits (1,000 executions, 10,000-character text)", () => {
    const result = { ...base, executions: manyExecutions(maxExecutions), consoleLines: [{ ...line, message: "x".repeat(maxText) }] };
    expect(v1.RunResult.safeParse(result).error?.issues).toBeUndefined();
  });

  it("rejects RunResult.too-many-executions (1,001)", () => {
    const result = v1.RunResult.safeParse({ ...base, executions: manyExecutions(maxExecutions + 1) });
    expect(result.error && issuePaths(result.error)).toEqual(["executions"]);
  });

  it("rejects RunResult.text-over-limit (10,001 characters)", () => {
    const result = v1.RunResult.safeParse({ ...base, consoleLines: [{ ...line, message: "x".repeat(maxText + 1) }] });
    expect(result.error && issuePaths(result.error)).toEqual(["consoleLines.0.message"]);
  });

  it("keeps the limits at 1,000 executions and 10,000 characters", () => {
    // The generated cases follow RESULT_LIMITS, so pin the numbers: lowering them breaks older runners.
    expect(maxExecutions).toBe(1_000);
    expect(maxText).toBe(10_000);
  });
});

// A renamed or removed export or path breaks whichever side was deployed with the old name.
describe("protocol v1 surface", () => {
  it("exports exactly these schemas", () => {
    expect(Object.keys(v1).filter((name) => name in schemas).sort()).toEqual([
      "AssertionResult",
      "ClaimRunsRequest",
      "ClaimRunsResponse",
      "ConsoleLine",
      "EnvironmentValue",
      "Job",
      "Lease",
      "MonitorRunOptions",
      "RegisterInstanceRequest",
      "RegisterInstanceResponse",
      "RenewLeaseRequest",
      "RenewLeaseResponse",
      "RequestExecution",
      "RunOutcome",
      "RunResult",
      "SubmitResultRequest",
      "SubmitResultResponse",
    ]);
    expect(Object.keys(v1).filter((name) => !(name in schemas)).sort()).toEqual(["MAX_CLAIM_WAIT_MS", "RESULT_LIMITS", "RunnerRoutes"]);
  });

  it("serves these routes", () => {
    const runId = "da78fff5-3d89-4b98-b890-bceb4bff72bd";
    expect(Object.keys(v1.RunnerRoutes).sort()).toEqual(["claimRuns", "registerInstance", "renewLease", "submitResult"]);
    expect(v1.RunnerRoutes.registerInstance).toBe("/api/runner/v1/instances");
    expect(v1.RunnerRoutes.claimRuns).toBe("/api/runner/v1/runs/claim");
    expect(v1.RunnerRoutes.renewLease(runId)).toBe(`/api/runner/v1/runs/${runId}/lease`);
    expect(v1.RunnerRoutes.submitResult(runId)).toBe(`/api/runner/v1/runs/${runId}/result`);
  });

  it("is protocol version 1 under /api/runner/v1", () => {
    expect(PROTOCOL_VERSION).toBe(1);
    expect(RUNNER_API_BASE_PATH).toBe("/api/runner/v1");
  });
});
