import { describe, expect, it } from "vitest";
import { MetricsRegistry } from "./prometheus";

describe("Prometheus text format", () => {
  it("renders help, type and one line per label set, with label values escaped", () => {
    const registry = new MetricsRegistry();
    const runs = registry.counter("outpost_runner_runs_finished_total", "Runs finished,\nby outcome.");
    runs.declare({ outcome: "abort" });
    runs.inc({ outcome: "successful" });
    runs.inc({ outcome: "successful" });
    registry.counter("odd_total", "Odd labels.").inc({ path: 'C:\\tmp\\"x"\nnext' });
    const queue = registry.gauge("queue_length", "Read at each scrape.");
    let length = 3;
    queue.collect(() => length);
    length = 5;

    expect(registry.render()).toBe(
      [
        "# HELP outpost_runner_runs_finished_total Runs finished,\\nby outcome.",
        "# TYPE outpost_runner_runs_finished_total counter",
        'outpost_runner_runs_finished_total{outcome="abort"} 0',
        'outpost_runner_runs_finished_total{outcome="successful"} 2',
        "# HELP odd_total Odd labels.",
        "# TYPE odd_total counter",
        'odd_total{path="C:\\\\tmp\\\\\\"x\\"\\nnext"} 1',
        "# HELP queue_length Read at each scrape.",
        "# TYPE queue_length gauge",
        "queue_length 5",
        "",
      ].join("\n"),
    );
  });

  it("refuses a metric name Prometheus would not accept", () => {
    expect(() => new MetricsRegistry().gauge("runs-in-progress", "Dashes are not allowed.")).toThrow("Invalid metric name");
  });
});
