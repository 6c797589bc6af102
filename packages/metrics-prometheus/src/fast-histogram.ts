import { Histogram, type MetricObjectWithValues, type MetricValueWithName, type Registry, type RegistryContentType } from 'prom-client';

export interface FastHistogramConfiguration {
  readonly name: string;
  readonly help: string;
  /** Upper bounds, ascending (as prom-client's `buckets`). */
  readonly buckets: readonly number[];
  readonly registers: Registry<RegistryContentType>[];
}

interface ExportedValue {
  readonly labels: Record<string, string | number>;
  readonly value: number;
  readonly metricName: string;
  readonly exemplar: null | undefined;
}

/**
 * A prom-client Histogram without labels whose `observe` costs a short scan and three additions.
 * prom-client's own observe builds a closure, a label object and a label hash on every call: 0.8 µs, a
 * seventh of a leader's apply time when it timed every proposal (a CPU profile at 256 in flight). This
 * one counts into its own array and hands prom-client the same exported values (names, `le` labels,
 * cumulative counts, `_sum`, `_count`) when the registry reads it; test/fast-histogram.test.ts checks the
 * exposition text against a stock Histogram fed the same values.
 */
export class FastHistogram extends Histogram<string> {
  private readonly bounds: readonly number[];
  /** Observations per bucket (not cumulative); the last slot holds those above every bound. */
  private counts: Float64Array;
  private total = 0;
  private sum = 0;
  /** As prom-client's: the series exists from construction, is gone after reset() until the next value. */
  private seriesExists = true;

  constructor(config: FastHistogramConfiguration) {
    super({ name: config.name, help: config.help, buckets: [...config.buckets], registers: config.registers });
    for (let k = 1; k < config.buckets.length; k++) {
      if (!(config.buckets[k]! > config.buckets[k - 1]!)) throw new RangeError(`${config.name}: buckets must ascend, got ${config.buckets.join(', ')}`);
    }
    this.bounds = [...config.buckets];
    this.counts = new Float64Array(this.bounds.length + 1);
    // prom-client's constructor sets `observe` on the instance, which would hide a method of this class.
    const fields = this as unknown as { observe: (value: number) => void };
    fields.observe = (value: number) => this.record(value);
  }

  private record(value: unknown): void {
    if (typeof value !== 'number') throw new TypeError(`${this.metricName}: takes no labels, only a value`);
    if (!Number.isFinite(value)) throw new TypeError(`Value is not a valid number: ${value}`);
    const bounds = this.bounds;
    let k = 0;
    while (k < bounds.length && value > bounds[k]!) k++;
    this.counts[k]!++;
    this.total++;
    this.sum += value;
    this.seriesExists = true;
  }

  private get metricName(): string {
    return (this as unknown as { name: string }).name;
  }

  override reset(): void {
    // prom-client's constructor calls reset() before this class has set its fields; it sets them after.
    if ((this.bounds as readonly number[] | undefined) === undefined) return;
    this.counts = new Float64Array(this.bounds.length + 1);
    this.total = 0;
    this.sum = 0;
    this.seriesExists = false;
  }

  /** What prom-client's Histogram exports for its one (label-less) series, built from these counts. */
  private exported(): ExportedValue[] {
    const name = this.metricName;
    const values: ExportedValue[] = [];
    if (!this.seriesExists) return values;
    let cumulative = 0;
    for (let k = 0; k < this.bounds.length; k++) {
      cumulative += this.counts[k]!;
      values.push({ labels: { le: this.bounds[k]! }, value: cumulative, metricName: `${name}_bucket`, exemplar: null });
    }
    values.push(
      { labels: { le: '+Inf' }, value: this.total, metricName: `${name}_bucket`, exemplar: null },
      { labels: {}, value: this.sum, metricName: `${name}_sum`, exemplar: undefined },
      { labels: {}, value: this.total, metricName: `${name}_count`, exemplar: undefined },
    );
    return values;
  }

  private header() {
    const self = this as unknown as { name: string; help: string; type: string; aggregator: string };
    return { name: self.name, help: self.help, type: self.type, aggregator: self.aggregator };
  }

  /** The registry's text exposition reads this (prom-client calls it when present). */
  async getForPromString() {
    return { ...this.header(), values: this.exported().map((v) => ({ ...v, sharedLabels: {} })) };
  }

  override async get(): Promise<MetricObjectWithValues<MetricValueWithName<string>>> {
    return { ...this.header(), values: this.exported() } as unknown as MetricObjectWithValues<MetricValueWithName<string>>;
  }
}
