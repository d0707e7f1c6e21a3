import { cn } from "./cn";

export type StatusTone = "green" | "red" | "slate" | "amber";

const DOT: Record<StatusTone, string> = {
  green: "bg-emerald-500",
  red: "bg-red-500",
  slate: "bg-slate-400",
  amber: "bg-amber-500",
};

/** A coloured dot that always comes with its word: status is never colour alone. */
export function StatusDot({ tone, label }: { tone: StatusTone; label: string }) {
  return (
    <span className="inline-flex items-center gap-1.5 text-sm text-slate-700">
      <span className={cn("h-2 w-2 shrink-0 rounded-full", DOT[tone])} aria-hidden="true" />
      {label}
    </span>
  );
}
