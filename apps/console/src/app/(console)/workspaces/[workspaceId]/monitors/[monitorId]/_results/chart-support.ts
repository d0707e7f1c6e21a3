"use client";

import { useEffect, useState } from "react";

/** Tailwind's palette, for the SVG the charts draw (which cannot take class names everywhere). */
export const CHART_COLORS = {
  successful: "#6366f1", // indigo-500
  failed: "#dc2626", // red-600
  failedTests: "#f87171", // red-400
  pending: "#cbd5e1", // slate-300
  grid: "#e2e8f0", // slate-200
  axis: "#64748b", // slate-500
  axisLine: "#94a3b8", // slate-400
  cursor: "#eef2ff", // indigo-50
} as const;

/** One colour per request in the per-request split, distinct for the first eight. */
export const SERIES_COLORS = ["#6366f1", "#0d9488", "#d97706", "#db2777", "#0284c7", "#65a30d", "#7c3aed", "#ea580c"];

/** Charts measure the DOM, so they draw in the browser only; the server renders their frame. */
export function useMounted() {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
}

/**
 * Labels for a time axis over the given instants (by index): the time of day when they span a
 * day or less, the date (and time) otherwise.
 */
export function timeTickFormatter(times: Date[]) {
  const first = times[0]?.getTime() ?? 0;
  const last = times[times.length - 1]?.getTime() ?? 0;
  const span = last - first;
  const format = new Intl.DateTimeFormat(
    "en-US",
    span <= 86_400_000 ? { hour: "2-digit", minute: "2-digit", hour12: false } : span <= 7 * 86_400_000 ? { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hour12: false } : { month: "short", day: "numeric" },
  );
  return (index: number) => {
    const time = times[index];
    return time ? format.format(time) : "";
  };
}
