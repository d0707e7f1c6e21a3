/**
 * Just enough of the Prometheus text exposition format (version 0.0.4) for the runner's own
 * metrics: counters and gauges with labels, rendered on each scrape. No histograms, no registry
 * of the world: the runner needs a handful of numbers, not a client library.
 */
export type Labels = Readonly<Record<string, string>>;

export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

abstract class Metric {
  protected readonly samples = new Map<string, { labels: Labels; value: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: "counter" | "gauge",
  ) {}

  protected sample(labels: Labels) {
    const key = labelText(labels);
    let sample = this.samples.get(key);
    if (!sample) this.samples.set(key, (sample = { labels, value: 0 }));
    return sample;
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")}`, `# TYPE ${this.name} ${this.type}`];
    for (const [labels, { value }] of this.current()) lines.push(`${this.name}${labels} ${numberText(value)}`);
    return lines;
  }

  protected current(): Iterable<[string, { value: number }]> {
    return this.samples;
  }
}

export class Counter extends Metric {
  constructor(name: string, help: string) {
    super(name, help, "counter");
  }

  inc(labels: Labels = {}, by = 1) {
    this.sample(labels).value += by;
  }

  /** Makes a series visible at 0 before its first event, so rates and alerts see it from the start. */
  declare(labels: Labels) {
    this.sample(labels);
  }
}

export class Gauge extends Metric {
  private read: (() => number) | null = null;

  constructor(name: string, help: string) {
    super(name, help, "gauge");
  }

  set(value: number, labels: Labels = {}) {
    this.sample(labels).value = value;
  }

  /** The value is read at each scrape (a queue length, the memory in use) instead of being kept up to date. */
  collect(read: () => number) {
    this.read = read;
  }

  protected override current(): Iterable<[string, { value: number }]> {
    return this.read ? [["", { value: this.read() }]] : this.samples;
  }
}

export class MetricsRegistry {
  private readonly metrics: Metric[] = [];

  counter(name: string, help: string): Counter {
    return this.add(new Counter(name, help));
  }

  gauge(name: string, help: string): Gauge {
    return this.add(new Gauge(name, help));
  }

  render(): string {
    return `${this.metrics.flatMap((metric) => metric.render()).join("\n")}\n`;
  }

  private add<T extends Metric>(metric: T): T {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(metric.name)) throw new Error(`Invalid metric name: ${metric.name}`);
    this.metrics.push(metric);
    return metric;
  }
}

function labelText(labels: Labels): string {
  const pairs = Object.entries(labels).map(([name, value]) => `${name}="${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`);
  return pairs.length > 0 ? `{${pairs.join(",")}}` : "";
}

function numberText(value: number): string {
  if (Number.isFinite(value)) return String(value);
  if (Number.isNaN(value)) return "NaN";
  return value > 0 ? "+Inf" : "-Inf";
}
