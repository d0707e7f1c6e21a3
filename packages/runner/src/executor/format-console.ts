import { inspect } from "node:util";

/**
 * Renders script `console.*` arguments as one line, the way a user reads them: strings as they
 * are, objects as JSON (what the Postman console shows), anything JSON can't express via inspect.
 */
export function formatConsoleArgs(args: readonly unknown[]): string {
  return args.map(formatOne).join(" ");
}

function formatOne(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined || typeof value === "function" || typeof value === "symbol") return String(value);
  if (typeof value === "bigint") return `${value}n`;
  try {
    return JSON.stringify(value) ?? inspect(value);
  } catch {
    // Cycles and other values JSON refuses.
    return inspect(value, { depth: 4, breakLength: Infinity });
  }
}
