export const MAX_FOLDER_DEPTH = 10;
export const MAX_ITEMS = 1000;
/** Far beyond any real collection, well short of where JSON.stringify and PostgreSQL give up. */
export const MAX_JSON_DEPTH = 100;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Folders, requests and the deepest folder level of an item tree. Iterative, and run before the
 * schema: a hostile file can nest far deeper than the call stack that validation recurses on.
 */
export function measureItems(collection: unknown) {
  let folders = 0;
  let requests = 0;
  let folderDepth = 0;
  const root = isObject(collection) ? collection.item : [];
  const pending: { items: unknown; depth: number }[] = [{ items: root, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (!Array.isArray(next.items)) continue;
    for (const item of next.items) {
      if (!isObject(item)) continue;
      if (Array.isArray(item.item)) {
        folders += 1;
        folderDepth = Math.max(folderDepth, next.depth + 1);
        pending.push({ items: item.item, depth: next.depth + 1 });
      } else {
        requests += 1;
      }
    }
  }
  return { folders, requests, folderDepth };
}

type Visit = { value: unknown; key: string | number | null; parent: Visit | null; depth: number };

const pathOf = (visit: Visit) => {
  let path = "";
  for (let at: Visit | null = visit; at?.parent; at = at.parent) {
    path = (typeof at.key === "number" ? `[${at.key}]` : `.${at.key}`) + path;
  }
  return path.replace(/^\./, "") || "collection";
};

// PostgreSQL's jsonb rejects \u0000 and unpaired UTF-16 surrogates, both of which JSON.parse accepts.
const UNSTORABLE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why PostgreSQL could not store this JSON value, or null when it can. */
export function findUnstorableJson(root: unknown): string | null {
  const pending: Visit[] = [{ value: root, key: null, parent: null, depth: 1 }];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    const { value, depth } = visit;
    if (typeof value === "string" && UNSTORABLE_TEXT.test(value)) {
      return `${pathOf(visit)} contains a NUL character or a broken Unicode escape, which cannot be stored.`;
    }
    if (typeof value !== "object" || value === null) continue;
    if (depth > MAX_JSON_DEPTH) {
      return `The collection nests JSON more than ${MAX_JSON_DEPTH} levels deep (at ${pathOf(visit)}).`;
    }
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((child, index) => [index, child])
      : Object.entries(value);
    for (const [key, child] of entries) {
      if (typeof key === "string" && UNSTORABLE_TEXT.test(key)) {
        return `A key in ${pathOf(visit)} contains a NUL character or a broken Unicode escape, which cannot be stored.`;
      }
      pending.push({ value: child, key, parent: visit, depth: depth + 1 });
    }
  }
  return null;
}
