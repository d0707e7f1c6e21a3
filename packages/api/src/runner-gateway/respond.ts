import type { ProtocolError, ProtocolErrorCode } from "@outpost/contracts";
import { ServiceError, type ServiceErrorCode } from "../services/errors";

export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly code: ProtocolErrorCode,
    message: string,
    /** Extra response headers, such as Retry-After on a 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...headers, "cache-control": "no-store" } });
}

const SERVICE_ERRORS: Partial<Record<ServiceErrorCode, [number, ProtocolErrorCode]>> = {
  BAD_REQUEST: [400, "bad_request"],
  UNAUTHORIZED: [401, "unauthorized"],
  FORBIDDEN: [401, "unauthorized"],
  NOT_FOUND: [404, "not_found"],
  CONFLICT: [409, "lease_lost"],
  TOO_MANY_REQUESTS: [429, "rate_limited"],
};

/**
 * PostgreSQL refused a value itself (SQLSTATE class 22: a number out of range, text it cannot
 * hold). The statement's transaction rolled back, so nothing was stored: the input was bad, not
 * the console. Drivers wrap the database's error, hence the look at `cause`.
 */
function isDataException(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 3; current = (current as { cause?: unknown }).cause, depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^22[0-9A-Z]{3}$/.test(code)) return true;
  }
  return false;
}

/** The one place where an error becomes a protocol error response; unexpected ones are logged, not shown. */
export function errorResponse(error: unknown, log: (error: unknown) => void): Response {
  let status = 500;
  let headers: Record<string, string> = {};
  let body: ProtocolError = { error: { code: "internal", message: "The console could not handle this request. Try again." } };
  if (error instanceof GatewayError) {
    status = error.status;
    headers = error.headers;
    body = { error: { code: error.code, message: error.message } };
  } else if (error instanceof ServiceError && SERVICE_ERRORS[error.code]) {
    const [mapped, code] = SERVICE_ERRORS[error.code]!;
    status = mapped;
    body = { error: { code, message: error.message } };
  } else if (isDataException(error)) {
    status = 400;
    body = { error: { code: "bad_request", message: "The request holds a value the console cannot store (out of range or malformed)." } };
  } else {
    log(error);
  }
  return json(body, status, headers);
}
