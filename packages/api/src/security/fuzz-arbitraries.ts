import fc from "fast-check";

/** Values that break naive code: wrong types, limits of numbers and of PostgreSQL, odd text. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    0,
    -1,
    1.5,
    2 ** 31,
    2 ** 53,
    -(2 ** 63),
    1e308,
    "",
    " ",
    "\u0000",
    "a\u0000b",
    "\ud800",
    "💥",
    "0000-00-00T00:00:00Z",
    "2026-02-30T25:61:00.000Z",
    "00000000-0000-0000-0000-000000000000",
    "x".repeat(20_000),
    [],
    {},
    { __proto__: { polluted: true } },
  ),
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ unit: "binary", maxLength: 40 }),
);

/** Text nested `depth` levels deep in arrays or objects: recursion limits of parsers and validators. */
export const deeplyNested = fc
  .tuple(fc.integer({ min: 100, max: 20_000 }), fc.boolean())
  .map(([depth, arrays]) => (arrays ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth)));

type Path = Array<string | number>;

function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (prefix.length > 0) out.push(prefix);
  if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) pathsOf(child, [...prefix, Array.isArray(value) ? Number(key) : key], out);
  }
  return out;
}

type Mutation = { pick: number; kind: "replace" | "delete" | "wrap"; value: unknown };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  pick: fc.nat(),
  kind: fc.constantFrom("replace", "delete", "wrap"),
  value: nastyValue,
});

function mutate(valid: unknown, mutations: Mutation[]): unknown {
  const copy = structuredClone(valid) as Record<string, unknown>;
  for (const { pick, kind, value } of mutations) {
    const paths = pathsOf(copy);
    if (paths.length === 0) break;
    const path = paths[pick % paths.length]!;
    const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((node, key) => node[key] as never, copy);
    const key = path[path.length - 1]!;
    if (kind === "delete") delete parent[key];
    else if (kind === "wrap") parent[key] = [parent[key]];
    else parent[key] = value;
  }
  return copy;
}

/** A valid value with one to three fields replaced, deleted or wrapped: nearly what the schema wants. */
export const nearlyValid = (valid: fc.Arbitrary<unknown>) =>
  fc.tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([value, mutations]) => mutate(value, mutations));

/** A request body as bytes or text: valid, nearly valid, any JSON, not JSON, not UTF-8, deeply nested. */
export function bodies(valid: fc.Arbitrary<unknown>): fc.Arbitrary<string | Uint8Array> {
  return fc.oneof(
    { arbitrary: valid.map((value) => JSON.stringify(value)), weight: 2 },
    { arbitrary: nearlyValid(valid).map((value) => JSON.stringify(value)), weight: 4 },
    { arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)), weight: 1 },
    { arbitrary: fc.string({ maxLength: 200 }), weight: 1 },
    { arbitrary: fc.uint8Array({ maxLength: 200 }), weight: 1 },
    // Valid JSON framing around bytes that are not UTF-8.
    { arbitrary: fc.uint8Array({ minLength: 1, maxLength: 20 }).map((bytes) => new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, ...bytes.map((b) => b | 0x80), 0x22, 0x7d])), weight: 1 },
    { arbitrary: deeplyNested, weight: 1 },
  );
}
