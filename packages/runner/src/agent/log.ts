/** One line of the runner's log; the CLI writes each as JSON on stderr. */
export interface LogEntry {
  level: "info" | "warn" | "error";
  msg: string;
  [field: string]: unknown;
}

export type Log = (entry: LogEntry) => void;
