/**
 * The errors services throw for expected situations. Each carries a message a user can act on;
 * they are mapped to transport codes in exactly one place per transport (tRPC, the runner API).
 */
export type ServiceErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  | "TOO_MANY_REQUESTS";

export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ServiceError";
  }
}

export const notFound = (what: string) => new ServiceError("NOT_FOUND", `${what} not found.`);
export const forbidden = (message: string) => new ServiceError("FORBIDDEN", message);
