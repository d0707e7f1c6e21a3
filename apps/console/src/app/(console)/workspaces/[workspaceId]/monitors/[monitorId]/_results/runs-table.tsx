"use client";

import Link from "next/link";
import { useState } from "react";
import type { RouterOutputs } from "@outpost/api";
import { Button, DataTable } from "@outpost/ui";
import { DateTime } from "~/app/(console)/_components/time";
import { formatMs } from "./format";
import { RunOutcomeDot } from "./outcome";
import { FORMULAS, RUN_TYPES, type Formula } from "./results-params";

type ResultsRun = RouterOutputs["results"]["runs"]["runs"][number];

/** Rows shown before "Show all": the newest runs are what people come for. */
const FIRST_ROWS = 10;

/** The page's runs as a table, newest first: one row per run, each linking to its detail. */
export function RunsTable({ runs, formula, runHref }: { runs: ResultsRun[]; formula: Formula; runHref: (runId: string) => string }) {
  const [all, setAll] = useState(false);
  const newestFirst = [...runs].reverse().slice(0, all ? undefined : FIRST_ROWS);
  return (
    <div className="space-y-3">
      <DataTable
        columns={[
          { label: "Run" },
          { label: "Result" },
          { label: "Type" },
          { label: "Runner" },
          { label: `Response time (${FORMULAS[formula].toLowerCase()})`, align: "right" },
          { label: "Tests", align: "right" },
          { label: "Requests", align: "right" },
          { label: "Duration", align: "right" },
        ]}
      >
        {newestFirst.map((run) => (
          <tr key={run.id} className="hover:bg-slate-50">
            <th scope="row" className="whitespace-nowrap px-4 py-2.5 text-left font-medium">
              <Link href={runHref(run.id)} className="text-indigo-700 hover:underline">
                <DateTime value={run.scheduledFor} />
              </Link>
            </th>
            <td className="whitespace-nowrap px-4 py-2.5">
              <RunOutcomeDot run={run} />
            </td>
            <td className="px-4 py-2.5 text-slate-700">{RUN_TYPES[run.type]}</td>
            <td className="max-w-48 truncate px-4 py-2.5 text-slate-700">
              {run.runnerId ? (run.runnerName ?? "Deleted runner") : "Hosted runner"}
            </td>
            <td className="px-4 py-2.5 text-right tabular-nums text-slate-900">{formatMs(run.responseTimeMs)}</td>
            <td className="whitespace-nowrap px-4 py-2.5 text-right tabular-nums">
              {run.totalTests === 0 ? (
                <span className="text-slate-400">—</span>
              ) : run.failedTests > 0 ? (
                <span className="font-medium text-red-700">
                  {run.failedTests} of {run.totalTests} failed
                </span>
              ) : (
                <span className="text-slate-700">{run.totalTests} passed</span>
              )}
            </td>
            <td className="px-4 py-2.5 text-right tabular-nums text-slate-700">{run.status === "finished" ? run.requestCount : "—"}</td>
            <td className="px-4 py-2.5 text-right tabular-nums text-slate-700">{formatMs(run.durationMs)}</td>
          </tr>
        ))}
      </DataTable>
      {runs.length > FIRST_ROWS ? (
        <div className="flex justify-center">
          <Button variant="ghost" aria-expanded={all} onClick={() => setAll(!all)}>
            {all ? `Show the newest ${FIRST_ROWS} only` : `Show all ${runs.length} runs of this page`}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
