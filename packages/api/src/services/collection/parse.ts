import { collectionErrorMap, describeIssues } from "./issues";
import { findUnstorableJson, MAX_FOLDER_DEPTH, MAX_ITEMS, measureItems } from "./limits";
import { ONLY_V21_MESSAGE, POSTMAN_V21_SCHEMA_PATTERN, PostmanCollection } from "./schema";

export { MAX_FOLDER_DEPTH, MAX_ITEMS } from "./limits";
export const MAX_COLLECTION_BYTES = 5 * 1024 * 1024;

export type ParsedCollection = { ok: true; collection: PostmanCollection } | { ok: false; message: string };

const fail = (message: string): ParsedCollection => ({ ok: false, message });

/**
 * Reads a Postman Collection v2.1 file as the user uploaded it. Expected problems come back as a
 * message the user can act on, never as an exception; the checks run cheapest first, and the ones
 * that protect the server (size, nesting) run before anything that recurses.
 */
export function parseCollectionText(text: string): ParsedCollection {
  if (Buffer.byteLength(text, "utf8") > MAX_COLLECTION_BYTES) return fail("The collection is larger than 5 MB.");

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(`The file is not valid JSON: ${describeJsonError(text, error)}`);
  }

  if (!isVersion21(json)) return fail(ONLY_V21_MESSAGE);

  const { folders, requests, folderDepth } = measureItems(json);
  if (folderDepth > MAX_FOLDER_DEPTH) {
    return fail(`Folders are nested ${folderDepth} levels deep; at most ${MAX_FOLDER_DEPTH} levels are supported.`);
  }
  if (folders + requests > MAX_ITEMS) {
    const total = folders + requests;
    return fail(
      `The collection has ${total} requests and folders; at most ${MAX_ITEMS} are supported. Split it into smaller collections.`,
    );
  }
  const unstorable = findUnstorableJson(json);
  if (unstorable) return fail(unstorable);

  const result = PostmanCollection.safeParse(json, { error: collectionErrorMap });
  if (!result.success) return fail(describeIssues(result.error.issues));
  return { ok: true, collection: result.data };
}

/**
 * False for v1 exports (no `info`, a `requests` list) and for any `info.schema` other than v2.1,
 * which is how Postman labels v2.0. Other shapes go on to the schema, which says what is wrong.
 */
function isVersion21(json: unknown) {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return true;
  const { info, requests } = json as { info?: unknown; requests?: unknown };
  if (typeof info !== "object" || info === null) return !Array.isArray(requests);
  const schema = (info as { schema?: unknown }).schema;
  return typeof schema === "string" && POSTMAN_V21_SCHEMA_PATTERN.test(schema);
}

/** V8's message, plus the line and column when it names a position: editors show those, not offsets. */
function describeJsonError(text: string, error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  if (!position) return message;
  const before = text.slice(0, Number(position[1]));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return `${message} (line ${line}, column ${column}).`;
}
