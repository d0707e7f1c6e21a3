const DAY = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const DAY_IN_MONTH = new Intl.DateTimeFormat("en-GB", { day: "numeric", timeZone: "UTC" });

/** "1 December 2026": periods start and end at midnight UTC. */
export const formatDay = (date: Date) => DAY.format(date);

/** "1–30 November 2026": the period, from its first to its last day. */
export function formatPeriod(start: Date, end: Date) {
  const lastDay = new Date(end.getTime() - 86_400_000);
  return `${DAY_IN_MONTH.format(start)}–${DAY.format(lastDay)}`;
}

export const formatCount = (count: number) => count.toLocaleString("en-US");

export const plural = (count: number, word: string) => `${formatCount(count)} ${word}${count === 1 ? "" : "s"}`;
