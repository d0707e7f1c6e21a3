/** The usage meter's period: a calendar month in UTC, from `start` up to (not including) `end`. */
export type UsagePeriod = { month: string; start: Date; end: Date };

export function usagePeriod(at: Date): UsagePeriod {
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const end = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
  return { month: start.toISOString().slice(0, 10), start, end };
}

/** The first day of the UTC month of `at`, the key of the usage meter. */
export const usageMonth = (at: Date) => usagePeriod(at).month;

/** "1 July 2026": the day a period ends and the next one starts (midnight UTC). */
export function formatPeriodDay(day: Date): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(day);
}
