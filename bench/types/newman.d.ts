// The slice of newman's library API the executor benchmark uses; newman ships no types.
declare module "newman" {
  interface NewmanStat {
    total: number;
    failed: number;
  }
  export interface NewmanRunSummary {
    run: { stats: { requests: NewmanStat; assertions: NewmanStat }; failures: unknown[] };
  }
  export interface NewmanRunOptions {
    collection: Record<string, unknown>;
    /** No reporter at all: nothing is printed or written. */
    reporters?: string[];
  }
  export function run(options: NewmanRunOptions, callback: (error: Error | null, summary: NewmanRunSummary) => void): unknown;
}
