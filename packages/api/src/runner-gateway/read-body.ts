import type { z } from "zod";
import { GatewayError } from "./respond";

/**
 * The request body parsed with a contract schema, read with a byte limit that holds even when the
 * client sends no Content-Length (the stream is cut as soon as it passes the limit).
 */
export async function readBody<T extends z.ZodType>(request: Request, schema: T, maxBytes: number): Promise<z.output<T>> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge(maxBytes);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString("utf8"), refuseNul);
  } catch (error) {
    if (error instanceof GatewayError) throw error;
    throw new GatewayError(400, "bad_request", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`);
    throw new GatewayError(400, "bad_request", `The request body does not match protocol v1: ${issues.join("; ")}`);
  }
  return parsed.data;
}

/** PostgreSQL text cannot hold U+0000: refused here as bad input instead of failing the insert later. */
function refuseNul(key: string, value: unknown) {
  if ((typeof value === "string" && value.includes("\u0000")) || key.includes("\u0000")) {
    throw new GatewayError(400, "bad_request", "The request body contains a NUL character (\\u0000), which text fields cannot hold.");
  }
  return value;
}

const tooLarge = (maxBytes: number) =>
  new GatewayError(413, "payload_too_large", `The request body is larger than ${Math.round(maxBytes / 1024)} KiB.`);
