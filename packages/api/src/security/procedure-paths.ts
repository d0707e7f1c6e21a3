import type { AnyRouter } from "@trpc/server";

/** Every procedure of a router by its dotted path (`monitor.create`), however deeply routers nest. */
export function procedurePaths(router: AnyRouter): string[] {
  return Object.keys(router._def.procedures as Record<string, unknown>).sort();
}

/** Procedures of the router without a case, and cases for procedures the router no longer has. */
export function coverageGaps(router: AnyRouter, covered: Iterable<string>) {
  const paths = new Set(procedurePaths(router));
  const cases = new Set(covered);
  return {
    uncovered: [...paths].filter((path) => !cases.has(path)),
    stale: [...cases].filter((path) => !paths.has(path)),
  };
}

/** Calls a procedure of a tRPC caller by its dotted path. */
export function callByPath(caller: object, path: string, input: unknown): Promise<unknown> {
  const procedure = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (procedure as (input: unknown) => Promise<unknown>)(input);
}
