import type { RouterOutputs } from "@outpost/api";
import { cn } from "@outpost/ui";
import { ClockTime } from "~/app/(console)/_components/time";

type Entry = RouterOutputs["results"]["run"]["timeline"][number];

const LEVELS: Record<Entry["level"], { label: string; word: string; text: string }> = {
  stage: { label: "Stage", word: "text-indigo-300", text: "text-indigo-100" },
  log: { label: "Log", word: "text-slate-400", text: "text-slate-200" },
  info: { label: "Info", word: "text-sky-300", text: "text-slate-200" },
  warn: { label: "Warn", word: "text-amber-300", text: "text-amber-100" },
  error: { label: "Error", word: "text-red-300", text: "text-red-200" },
  debug: { label: "Debug", word: "text-slate-500", text: "text-slate-300" },
};

/**
 * The run's stages, errors and scripts' console output in order, as a log. Values were masked by
 * the runner before they were sent and are shown as stored.
 */
export function ConsoleLog({ entries }: { entries: Entry[] }) {
  return (
    <div className="overflow-hidden rounded-lg bg-slate-950 shadow-sm ring-1 ring-slate-800">
      <ol className="divide-y divide-slate-800/60 py-1 font-mono text-xs leading-5" aria-label="Console log">
        {entries.map((entry, index) => (
          <li
            key={index}
            className={cn(
              "grid grid-cols-[6.5rem_3.5rem_1fr] gap-3 px-4 py-1.5",
              entry.level === "stage" && "bg-indigo-950/40",
              entry.level === "error" && "bg-red-950/40",
            )}
          >
            <span className="tabular-nums text-slate-500">{entry.at ? <ClockTime value={entry.at} /> : "—"}</span>
            <span className={cn("font-semibold uppercase", LEVELS[entry.level].word)}>{LEVELS[entry.level].label}</span>
            <span className={cn("whitespace-pre-wrap break-words", LEVELS[entry.level].text)}>{entry.message}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
