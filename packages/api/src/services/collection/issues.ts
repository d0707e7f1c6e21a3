import type { z } from "zod";

const SHOWN_ISSUES = 5;

type Problem = { path: PropertyKey[]; message: string };

/**
 * Zod reports a failed union as one "invalid input" at the union. When exactly one branch matched
 * the value's type (an object where "URL string or request object" was expected), its own issues
 * say what is actually wrong, so report those instead.
 */
function flatten(issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[]): Problem[] {
  return issues.flatMap((issue): Problem[] => {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union") {
      const typeMatched = issue.errors.filter(
        (branch) => !branch.some((inner) => inner.path.length === 0 && inner.code === "invalid_type"),
      );
      if (typeMatched.length === 1) return flatten(typeMatched[0]!, path);
    }
    return [{ path, message: issue.message }];
  });
}

export function formatPath(path: readonly PropertyKey[]) {
  const text = path.map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`)).join("");
  return text.replace(/^\./, "") || "collection";
}

/** Up to five problems, each led by where it is: `item[2].request.method: expected string, …`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]) {
  const problems = flatten(issues, []);
  const shown = problems.slice(0, SHOWN_ISSUES).map((p) => `${formatPath(p.path)}: ${p.message}`);
  const more = problems.length - shown.length;
  return shown.join("; ") + (more > 0 ? `; and ${more} more problem${more === 1 ? "" : "s"}.` : "");
}

/** "required" reads better than "expected string, received undefined" for a missing field. */
export const collectionErrorMap: z.core.$ZodErrorMap = (issue) =>
  issue.code === "invalid_type" && issue.input === undefined ? "required" : undefined;
