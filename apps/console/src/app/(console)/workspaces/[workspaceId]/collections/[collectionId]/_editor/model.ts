// The request editor works directly on the Postman Collection v2.1 document, so what it saves is
// the format newman runs. These helpers read and rewrite the parts of it the editor shows.

export type KeyValue = { key: string; value: string; disabled?: boolean };
export type Script = { listen: "prerequest" | "test"; script: { type?: string; exec: string[] | string } };
export type Auth = { type: string; [scheme: string]: unknown };
export type Body = { mode?: string; raw?: string; urlencoded?: KeyValue[]; formdata?: KeyValue[]; options?: unknown };
export type RequestDef = { method?: string; url?: string | { raw?: string }; header?: KeyValue[]; body?: Body; auth?: Auth };
export type Item = { name: string; item?: Item[]; request?: RequestDef | string; event?: Script[]; [other: string]: unknown };
export type Collection = { info: { name: string; [other: string]: unknown }; item: Item[]; [other: string]: unknown };
export type Path = number[];

export const isFolder = (item: Item) => Array.isArray(item.item);

export function itemAt(items: Item[], path: Path): Item | undefined {
  const [head, ...rest] = path;
  const item = head === undefined ? undefined : items[head];
  return rest.length === 0 || !item ? item : itemAt(item.item ?? [], rest);
}

/** A copy of `items` with the item at `path` replaced by `change(item)`, or removed when it returns null. */
export function updateAt(items: Item[], path: Path, change: (item: Item) => Item | null): Item[] {
  const [head, ...rest] = path;
  return items.flatMap((item, index) => {
    if (index !== head) return [item];
    if (rest.length > 0) return [{ ...item, item: updateAt(item.item ?? [], rest, change) }];
    const next = change(item);
    return next ? [next] : [];
  });
}

export function addTo(items: Item[], folder: Path, item: Item): Item[] {
  if (folder.length === 0) return [...items, item];
  return updateAt(items, folder, (f) => ({ ...f, item: [...(f.item ?? []), item] }));
}

export function requestOf(item: Item): RequestDef {
  return typeof item.request === "string" ? { method: "GET", url: item.request } : (item.request ?? { method: "GET", url: "" });
}

export function rawUrl(request: RequestDef): string {
  return typeof request.url === "string" ? request.url : (request.url?.raw ?? "");
}

export function queryOf(url: string): KeyValue[] {
  const at = url.indexOf("?");
  if (at < 0) return [];
  return url
    .slice(at + 1)
    .split("&")
    .filter(Boolean)
    .map((pair) => {
      const [key = "", ...value] = pair.split("=");
      return { key, value: value.join("=") };
    });
}

export function withQuery(url: string, params: KeyValue[]): string {
  const base = url.split("?")[0] ?? "";
  // A URL string has no place for a disabled parameter: it is left out until enabled again.
  const query = params.filter((p) => !p.disabled && (p.key || p.value)).map((p) => (p.value ? `${p.key}=${p.value}` : p.key));
  return query.length > 0 ? `${base}?${query.join("&")}` : base;
}

export function scriptOf(item: Item, listen: Script["listen"]): string {
  const exec = item.event?.find((e) => e.listen === listen)?.script.exec ?? [];
  return Array.isArray(exec) ? exec.join("\n") : exec;
}

export function withScript(item: Item, listen: Script["listen"], source: string): Item {
  const others = (item.event ?? []).filter((e) => e.listen !== listen);
  const event = source.trim() ? [...others, { listen, script: { type: "text/javascript", exec: source.split("\n") } }] : others;
  return { ...item, event };
}

/** Auth schemes the editor offers, with the fields each keeps (Postman's key/value list form). */
export const AUTH_FIELDS: Record<string, Array<{ key: string; label: string }>> = {
  noauth: [],
  basic: [
    { key: "username", label: "Username" },
    { key: "password", label: "Password" },
  ],
  bearer: [{ key: "token", label: "Token" }],
  apikey: [
    { key: "key", label: "Key" },
    { key: "value", label: "Value" },
    { key: "in", label: "Add to (header or query)" },
  ],
};

export function authValue(auth: Auth | undefined, key: string): string {
  const list = auth ? (auth[auth.type] as Array<{ key: string; value: unknown }> | undefined) : undefined;
  const found = list?.find((entry) => entry.key === key)?.value;
  return found === undefined || found === null ? "" : String(found);
}

export function withAuthValue(auth: Auth, key: string, value: string): Auth {
  const list = ((auth[auth.type] as Array<{ key: string; value: unknown; type?: string }> | undefined) ?? []).filter((e) => e.key !== key);
  return { ...auth, [auth.type]: [...list, { key, value, type: "string" }] };
}

/** Test snippets, as Postman offers them. */
export const TEST_SNIPPETS: Array<{ label: string; code: string }> = [
  { label: "Status code is 200", code: 'pm.test("Status code is 200", function () {\n    pm.response.to.have.status(200);\n});' },
  {
    label: "Response time is less than 200ms",
    code: 'pm.test("Response time is less than 200ms", function () {\n    pm.expect(pm.response.responseTime).to.be.below(200);\n});',
  },
  {
    label: "Response body: JSON value check",
    code: 'pm.test("Your test name", function () {\n    var jsonData = pm.response.json();\n    pm.expect(jsonData.value).to.eql(100);\n});',
  },
  {
    label: "Response body: contains string",
    code: 'pm.test("Body matches string", function () {\n    pm.expect(pm.response.text()).to.include("string_you_want_to_search");\n});',
  },
  {
    label: "Content-Type header is present",
    code: 'pm.test("Content-Type is present", function () {\n    pm.response.to.have.header("Content-Type");\n});',
  },
];
