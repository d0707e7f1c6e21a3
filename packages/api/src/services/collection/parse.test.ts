import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MAX_COLLECTION_BYTES, MAX_FOLDER_DEPTH, MAX_ITEMS, parseCollectionText } from "./parse";
import { POSTMAN_V21_SCHEMA_URL } from "./schema";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const FIXTURES = ["shop-api.postman_collection.json", "echo-basics.postman_collection.json"];

const request = (name: string) => ({ name, request: { method: "GET", url: `https://api.example.test/${name}` } });
const collection = (fields: Record<string, unknown> = {}) => ({
  info: { name: "Checks", schema: POSTMAN_V21_SCHEMA_URL },
  item: [request("a")],
  ...fields,
});
const parse = (value: unknown) => parseCollectionText(JSON.stringify(value));
const messageOf = (value: unknown) => {
  const result = typeof value === "string" ? parseCollectionText(value) : parse(value);
  if (result.ok) throw new Error("expected the collection to be refused");
  return result.message;
};

/** Folders nested `depth` levels deep with one request at the bottom. */
function nestedFolders(depth: number) {
  let items: unknown[] = [request("deepest")];
  for (let level = depth; level >= 1; level--) items = [{ name: `Level ${level}`, item: items }];
  return collection({ item: items });
}

describe("parseCollectionText", () => {
  it.each(FIXTURES)("accepts %s and keeps every field, known or not", (name) => {
    const text = fixture(name);
    const result = parseCollectionText(text);
    expect(result).toEqual({ ok: true, collection: JSON.parse(text) });
  });

  it("refuses more than 5 MB, counted in UTF-8 bytes, before reading the JSON", () => {
    const body = "x".repeat(20 * 1024 * 1024);
    const big = { name: "big", request: { url: "u", body: { mode: "raw", raw: body } } };
    expect(messageOf(collection({ item: [big] }))).toBe("The collection is larger than 5 MB.");
    // Under the limit in characters, over it in bytes ("é" is two).
    const accents = "é".repeat(MAX_COLLECTION_BYTES / 2);
    expect(accents.length).toBeLessThan(MAX_COLLECTION_BYTES);
    expect(messageOf(collection({ variable: [{ key: "v", value: accents }] }))).toBe("The collection is larger than 5 MB.");
    // Not even valid JSON: the size is still what the user hears about.
    expect(messageOf("{".repeat(MAX_COLLECTION_BYTES + 1))).toBe("The collection is larger than 5 MB.");
  });

  it("names where the JSON breaks", () => {
    expect(messageOf('{\n  "info": {"name": "x",}\n}')).toMatch(/^The file is not valid JSON: .*position 25 \(line 2, column 24\)\.$/);
    expect(messageOf("")).toBe("The file is not valid JSON: Unexpected end of JSON input");
  });

  it("points at the field that breaks the schema", () => {
    const item = [request("a"), request("b"), { name: "c", request: { method: 42, url: "https://api.example.test/c" } }];
    expect(messageOf(collection({ item }))).toBe("item[2].request.method: Invalid input: expected string, received number");
    expect(messageOf(collection({ info: { schema: POSTMAN_V21_SCHEMA_URL } }))).toBe("info.name: required");
    expect(messageOf(collection({ item: [request("a"), { name: "neither" }] }))).toBe(
      "item[1]: an item needs a `request` (a request) or an `item` list (a folder)",
    );
    expect(messageOf(collection({ item: [{ name: "f", item: [{ name: "r", request: { url: { path: 7 } } }] }] }))).toBe(
      "item[0].item[0].request.url.path: expected a path or its segments",
    );
    expect(messageOf(collection({ event: [{ listen: "teardown", script: { exec: [] } }] }))).toMatch(/^event\[0\]\.listen: /);
    expect(messageOf([])).toBe("collection: Invalid input: expected object, received array");
  });

  it("lists at most five problems", () => {
    const item = Array.from({ length: 8 }, (_, i) => ({ name: `r${i}`, request: { method: i } }));
    const message = messageOf(collection({ item }));
    expect(message.split("; ")).toHaveLength(6);
    expect(message).toMatch(/^item\[0\]\.request\.method: .*item\[4\]\.request\.method: [^;]*; and 3 more problems\.$/);
  });

  it("asks for v2.1 when given a v2.0 or v1 collection", () => {
    const only21 = "Only Postman Collection v2.1 is supported: export it from Postman as Collection v2.1.";
    const v20 = "https://schema.getpostman.com/json/collection/v2.0.0/collection.json";
    expect(messageOf(collection({ info: { name: "Old", schema: v20 } }))).toBe(only21);
    expect(messageOf(collection({ info: { name: "No schema" } }))).toBe(only21);
    const v1 = { id: "c1", name: "v1", order: ["r1"], requests: [{ id: "r1", url: "https://a.test", method: "GET" }] };
    expect(messageOf(v1)).toBe(only21);
  });

  it("limits folder depth", () => {
    expect(parse(nestedFolders(MAX_FOLDER_DEPTH)).ok).toBe(true);
    expect(messageOf(nestedFolders(MAX_FOLDER_DEPTH + 1))).toBe(
      "Folders are nested 11 levels deep; at most 10 levels are supported.",
    );
    expect(messageOf(nestedFolders(50))).toBe("Folders are nested 50 levels deep; at most 10 levels are supported.");
    // Deeper than any call stack (too deep for JSON.stringify, so written by hand): refused without recursing.
    const depth = 100_000;
    const folders = `${'[{"name":"L","item":'.repeat(depth)}[]${"}]".repeat(depth)}`;
    const text = `{"info":{"name":"Deep","schema":"${POSTMAN_V21_SCHEMA_URL}"},"item":${folders}}`;
    expect(messageOf(text)).toBe("Folders are nested 100000 levels deep; at most 10 levels are supported.");
  });

  it("limits requests and folders together", () => {
    const folder = (n: number) => ({ name: "F", item: Array.from({ length: n }, (_, i) => request(`r${i}`)) });
    expect(parse(collection({ item: [folder(MAX_ITEMS - 1)] })).ok).toBe(true);
    expect(messageOf(collection({ item: [folder(MAX_ITEMS)] }))).toBe(
      "The collection has 1001 requests and folders; at most 1000 are supported. Split it into smaller collections.",
    );
  });

  it("refuses what PostgreSQL cannot store, saying where", () => {
    expect(messageOf(collection({ variable: [{ key: "v", value: "a\u0000b" }] }))).toMatch(/^variable\[0\]\.value contains a NUL/);
    expect(messageOf('{"info":{"name":"\\ud800","schema":"' + POSTMAN_V21_SCHEMA_URL + '"},"item":[]}')).toMatch(
      /^info\.name contains a NUL character or a broken Unicode escape/,
    );
    const deep = `${"[".repeat(5_000)}1${"]".repeat(5_000)}`;
    const text = JSON.stringify(collection({ variable: [{ key: "v", value: "DEEP" }] })).replace('"DEEP"', deep);
    expect(messageOf(text)).toMatch(
      /^The collection nests JSON more than 100 levels deep \(at variable\[0\]\.value(\[0\])+\)\.$/,
    );
  });
});
