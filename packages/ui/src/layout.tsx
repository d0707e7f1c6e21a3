import type { ReactNode } from "react";
import { cn } from "./cn";

export function PageHeader({
  title,
  description,
  actions,
  eyebrow,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  eyebrow?: ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-4 border-b border-slate-200 pb-5">
      <div className="min-w-0">
        {eyebrow ? <div className="mb-1 text-sm font-medium text-slate-500">{eyebrow}</div> : null}
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
        {description ? <p className="mt-1 max-w-3xl text-sm text-slate-600">{description}</p> : null}
      </div>
      {actions ? <div className="flex shrink-0 items-center gap-2">{actions}</div> : null}
    </div>
  );
}

export function Card({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={cn("rounded-lg bg-white shadow-sm ring-1 ring-slate-200", className)}>{children}</div>;
}

/** What a page shows before it has anything: what belongs here and what to do first. */
export function EmptyState({
  icon,
  title,
  children,
  action,
}: {
  icon?: ReactNode;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="flex flex-col items-center rounded-lg border-2 border-dashed border-slate-200 bg-white px-6 py-14 text-center">
      {icon ? <div className="mb-3 text-slate-400" aria-hidden="true">{icon}</div> : null}
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      {children ? <div className="mt-1 max-w-md text-sm text-slate-600">{children}</div> : null}
      {action ? <div className="mt-5">{action}</div> : null}
    </div>
  );
}

export type BadgeTone = "slate" | "indigo" | "green" | "amber" | "red";

export function Badge({ children, tone = "slate" }: { children: ReactNode; tone?: BadgeTone }) {
  const tones = {
    slate: "bg-slate-100 text-slate-700 ring-slate-500/20",
    indigo: "bg-indigo-50 text-indigo-700 ring-indigo-600/20",
    green: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
    amber: "bg-amber-50 text-amber-800 ring-amber-600/20",
    red: "bg-red-50 text-red-700 ring-red-600/20",
  };
  return (
    <span className={cn("inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset", tones[tone])}>
      {children}
    </span>
  );
}

export function Alert({ children, tone = "error" }: { children: ReactNode; tone?: "error" | "info" }) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={cn(
        "rounded-md px-3 py-2 text-sm ring-1 ring-inset",
        tone === "error" ? "bg-red-50 text-red-800 ring-red-200" : "bg-sky-50 text-sky-800 ring-sky-200",
      )}
    >
      {children}
    </div>
  );
}

/**
 * One headline figure: a label over a value, with an optional line of context below. Use inside a
 * <dl>. `size="md"` suits values that are words rather than numbers ("3 minutes ago").
 */
export function Stat({
  label,
  value,
  detail,
  size = "lg",
  className,
}: {
  label: ReactNode;
  value: ReactNode;
  detail?: ReactNode;
  size?: "lg" | "md";
  className?: string;
}) {
  return (
    <div className={cn("min-w-0", className)}>
      <dt className="truncate text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd
        className={cn(
          "mt-1 truncate font-semibold tabular-nums tracking-tight text-slate-900",
          size === "lg" ? "text-2xl" : "pt-1 text-lg leading-7",
        )}
      >
        {value}
      </dd>
      {detail ? <dd className="mt-0.5 text-xs text-slate-500">{detail}</dd> : null}
    </div>
  );
}
