import { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@outpost/api";

/** A tRPC failure as a form shows it: a message per field where the server said which, else one. */
export function formErrors(error: unknown): { fields: Record<string, string>; message?: string } {
  if (!(error instanceof TRPCClientError)) return { fields: {}, message: "Something went wrong. Please try again." };
  const data = (error as TRPCClientError<AppRouter>).data;
  const fieldErrors = (data?.zodError?.fieldErrors ?? {}) as Record<string, string[] | undefined>;
  const fields = Object.fromEntries(
    Object.entries(fieldErrors).flatMap(([field, messages]) => (messages?.[0] ? [[field, messages[0]]] : [])),
  );
  return { fields, message: Object.keys(fields).length > 0 ? undefined : error.message };
}
