import { z } from "zod";

/** The runner wire protocol version this build speaks; it is part of every route (`/api/runner/v1`). */
export const PROTOCOL_VERSION = 1;
export const RUNNER_API_BASE_PATH = `/api/runner/v${PROTOCOL_VERSION}`;

/** Headers of the runner protocol, shared by both ends so neither spells them differently. */
export const RunnerHeaders = {
  authorization: "authorization",
  runnerId: "x-outpost-runner-id",
  instanceId: "x-outpost-instance-id",
  protocolVersion: "x-outpost-protocol-version",
} as const;

/** Error codes a runner acts on; unknown codes from a newer console are treated as transient. */
export const PROTOCOL_ERROR_CODES = [
  "unauthorized",
  "unsupported_protocol_version",
  "bad_request",
  "payload_too_large",
  "not_found",
  "lease_lost",
  "rate_limited",
  "internal",
] as const;
export type ProtocolErrorCode = (typeof PROTOCOL_ERROR_CODES)[number];

/** Every error the console sends a runner has this shape, so the runner can act on `code`. */
export const ProtocolError = z.object({
  error: z.object({
    code: z.string().min(1).max(64),
    message: z.string().max(2_000),
  }),
});
export type ProtocolError = z.infer<typeof ProtocolError>;
