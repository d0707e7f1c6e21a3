import type { ProtocolError, ProtocolErrorCode } from "@outpost/contracts";
import { ServiceError, type ServiceErrorCode } from "../services/errors";

export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly code: ProtocolErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

const SERVICE_ERRORS: Partial<Record<ServiceErrorCode, [number, ProtocolErrorCode]>> = {
  BAD_REQUEST: [400, "bad_request"],
  UNAUTHORIZED: [401, "unauthorized"],
  FORBIDDEN: [401, "unauthorized"],
  NOT_FOUND: [404, "not_found"],
  CONFLICT: [409, "lease_lost"],
  TOO_MANY_REQUESTS: [429, "rate_limited"],
};

/** The one place where an error becomes a protocol error response; unexpected ones are logged, not shown. */
export function errorResponse(error: unknown, log: (error: unknown) => void): Response {
  let status = 500;
  let body: ProtocolError = { error: { code: "internal", message: "The console could not handle this request. Try again." } };
  if (error instanceof GatewayError) {
    status = error.status;
    body = { error: { code: error.code, message: error.message } };
  } else if (error instanceof ServiceError && SERVICE_ERRORS[error.code]) {
    const [mapped, code] = SERVICE_ERRORS[error.code]!;
    status = mapped;
    body = { error: { code, message: error.message } };
  } else {
    log(error);
  }
  return json(body, status);
}
