"use client";

import { useEffect, useState } from "react";

// Before hydration the server's rendering (UTC) is kept, so server and browser markup match; the
// browser's own time zone takes over once mounted.
function useMounted() {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
}

/** A date (and time, unless `dateOnly`; then the time is in the tooltip). */
export function DateTime({ value, dateOnly = false }: { value: Date | string | null; dateOnly?: boolean }) {
  const mounted = useMounted();
  if (!value) return <span className="text-slate-400">—</span>;
  const date = new Date(value);
  const timeZone = mounted ? undefined : "UTC";
  const full = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone }).format(date);
  const text = dateOnly ? new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone }).format(date) : full;
  return (
    <time dateTime={date.toISOString()} title={full}>
      {text}
    </time>
  );
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
  ["second", 1],
];

export function formatRelative(date: Date, now: Date = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 5) return "just now";
  const format = new Intl.RelativeTimeFormat("en-US", { numeric: "auto" });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === "second") return format.format(Math.trunc(seconds / size), unit);
  }
  return "just now";
}

/** "2 minutes ago", refreshed while the page is open; "Never" for no value. */
export function RelativeTime({ value, never = "Never" }: { value: Date | string | null; never?: string }) {
  const mounted = useMounted();
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 15_000);
    return () => clearInterval(timer);
  }, []);
  if (!value) return <span className="text-slate-500">{never}</span>;
  const date = new Date(value);
  return (
    <time dateTime={date.toISOString()} title={date.toISOString()}>
      {mounted ? formatRelative(date) : date.toISOString().slice(0, 16).replace("T", " ")}
    </time>
  );
}

/** A time of day to the millisecond ("14:05:09.123"), for logs. */
export function ClockTime({ value }: { value: Date | string }) {
  const mounted = useMounted();
  const date = new Date(value);
  const text = new Intl.DateTimeFormat("en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    fractionalSecondDigits: 3,
    hour12: false,
    timeZone: mounted ? undefined : "UTC",
  }).format(date);
  return (
    <time dateTime={date.toISOString()} title={date.toISOString()}>
      {text}
    </time>
  );
}
