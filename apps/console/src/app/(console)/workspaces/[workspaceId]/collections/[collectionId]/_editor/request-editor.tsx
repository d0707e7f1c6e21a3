"use client";

import { useState } from "react";
import { cn, SelectField, TextAreaField, TextField } from "@outpost/ui";
import { KeyValueTable } from "./key-value-table";
import {
  AUTH_FIELDS,
  authValue,
  queryOf,
  rawUrl,
  requestOf,
  scriptOf,
  TEST_SNIPPETS,
  withAuthValue,
  withQuery,
  withScript,
  type Body,
  type Item,
  type RequestDef,
} from "./model";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
const TABS = ["Params", "Headers", "Body", "Auth", "Pre-request Script", "Tests"] as const;
type Tab = (typeof TABS)[number];

/** One request of the collection: method, URL and the tabs Postman users know. */
export function RequestEditor({ item, onChange }: { item: Item; onChange: (item: Item) => void }) {
  const [tab, setTab] = useState<Tab>("Params");
  const request = requestOf(item);
  const url = rawUrl(request);
  // Params are the URL's query, but kept as rows of their own so a new, still empty row stays.
  const [params, setParams] = useState(() => queryOf(url));
  const setRequest = (change: Partial<RequestDef>) => onChange({ ...item, request: { ...request, ...change } });
  const body: Body = request.body ?? {};
  const auth = request.auth ?? { type: "noauth" };

  return (
    <div className="space-y-4">
      <TextField label="Request name" value={item.name} onChange={(e) => onChange({ ...item, name: e.target.value })} />
      <div className="flex gap-2">
        <SelectField label="Method" value={request.method ?? "GET"} onChange={(e) => setRequest({ method: e.target.value })} className="w-32">
          {METHODS.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </SelectField>
        <TextField
          label="URL"
          value={url}
          onChange={(e) => {
            setParams(queryOf(e.target.value));
            setRequest({ url: e.target.value });
          }}
          placeholder="https://api.internal/health or {{baseUrl}}/health"
          className="flex-1 font-mono"
        />
      </div>

      <div role="tablist" aria-label="Request parts" className="flex gap-4 border-b border-slate-200">
        {TABS.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            onClick={() => setTab(t)}
            className={cn(
              "-mb-px border-b-2 px-1 pb-2 text-sm font-medium",
              tab === t ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900",
            )}
          >
            {t}
          </button>
        ))}
      </div>

      <div role="tabpanel" aria-label={tab}>
        {tab === "Params" ? (
          <KeyValueTable
            label="Param"
            rows={params}
            onChange={(rows) => {
              setParams(rows);
              setRequest({ url: withQuery(url, rows) });
            }}
          />
        ) : null}
        {tab === "Headers" ? <KeyValueTable label="Header" rows={request.header ?? []} onChange={(header) => setRequest({ header })} /> : null}
        {tab === "Body" ? (
          <div className="space-y-3">
            <SelectField
              label="Body type"
              value={body.mode ?? "none"}
              onChange={(e) => setRequest({ body: e.target.value === "none" ? undefined : { ...body, mode: e.target.value } })}
              className="w-56"
            >
              <option value="none">None</option>
              <option value="raw">Raw (JSON or text)</option>
              <option value="urlencoded">x-www-form-urlencoded</option>
              <option value="formdata">Form data</option>
            </SelectField>
            {body.mode === "raw" ? (
              <TextAreaField
                label="Raw body"
                rows={8}
                className="font-mono"
                value={body.raw ?? ""}
                onChange={(e) => setRequest({ body: { ...body, raw: e.target.value, options: { raw: { language: "json" } } } })}
              />
            ) : null}
            {body.mode === "urlencoded" || body.mode === "formdata" ? (
              <KeyValueTable
                label="Field"
                rows={body[body.mode] ?? []}
                onChange={(rows) => setRequest({ body: { ...body, [body.mode as string]: rows } })}
              />
            ) : null}
          </div>
        ) : null}
        {tab === "Auth" ? (
          <div className="space-y-3">
            <SelectField label="Auth type" value={auth.type} onChange={(e) => setRequest({ auth: { type: e.target.value } })} className="w-56">
              <option value="noauth">No auth</option>
              <option value="basic">Basic auth</option>
              <option value="bearer">Bearer token</option>
              <option value="apikey">API key</option>
            </SelectField>
            {(AUTH_FIELDS[auth.type] ?? []).map((field) => (
              <TextField
                key={field.key}
                label={field.label}
                value={authValue(auth, field.key)}
                onChange={(e) => setRequest({ auth: withAuthValue(auth, field.key, e.target.value) })}
                className="font-mono"
              />
            ))}
          </div>
        ) : null}
        {tab === "Pre-request Script" ? (
          <TextAreaField
            label="Pre-request script"
            rows={10}
            wrap="off"
            className="font-mono"
            value={scriptOf(item, "prerequest")}
            onChange={(e) => onChange(withScript(item, "prerequest", e.target.value))}
          />
        ) : null}
        {tab === "Tests" ? (
          <div className="grid gap-4 lg:grid-cols-3">
            <TextAreaField
              label="Test script"
              rows={12}
              wrap="off"
              className="font-mono lg:col-span-2"
              value={scriptOf(item, "test")}
              onChange={(e) => onChange(withScript(item, "test", e.target.value))}
            />
            <div>
              <p className="text-sm font-medium text-slate-900">Snippets</p>
              <ul className="mt-1.5 space-y-1">
                {TEST_SNIPPETS.map((snippet) => (
                  <li key={snippet.label}>
                    <button
                      type="button"
                      className="w-full rounded px-2 py-1 text-left text-sm text-indigo-700 hover:bg-indigo-50"
                      onClick={() => {
                        const current = scriptOf(item, "test");
                        onChange(withScript(item, "test", current ? `${current}\n\n${snippet.code}` : snippet.code));
                      }}
                    >
                      {snippet.label}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          </div>
        ) : null}
      </div>
    </div>
  );
}
