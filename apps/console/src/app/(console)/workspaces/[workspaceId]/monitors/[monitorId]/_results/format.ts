/** "840 ms", "1.24 s"; an em dash when there is no figure. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  return `${(ms / 1_000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** "512 B", "1.2 KB", "3.4 MB". */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return "—";
  if (bytes < 1_024) return `${bytes} B`;
  if (bytes < 1_024 * 1_024) return `${(bytes / 1_024).toFixed(1)} KB`;
  return `${(bytes / 1_024 / 1_024).toFixed(1)} MB`;
}

/** "100%", "99.7%", "0%"; an em dash without runs. Never rounds a failure away to 100%. */
export function formatPercent(percent: number | null | undefined): string {
  if (percent === null || percent === undefined) return "—";
  if (percent === 100 || percent === 0) return `${percent}%`;
  const shown = Math.min(99.9, Math.max(0.1, Math.round(percent * 10) / 10));
  return `${shown.toFixed(1)}%`;
}

export const plural = (count: number, word: string, many = `${word}s`) => `${count.toLocaleString("en-US")} ${count === 1 ? word : many}`;
