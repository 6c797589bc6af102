/**
 * A log-linear latency histogram in the manner of HdrHistogram: values (microseconds) below 2^p are
 * counted exactly, and every power-of-two range above is split into 2^p equal buckets, so a bucket is
 * never wider than 1/2^p of the values in it. With p = 7 a percentile is within 0.8% (or 1 µs) of the
 * exact sample, in a few kilobytes, whatever the number of samples: a long run needs no sample array.
 */
import { BenchConfigError } from './errors.js';

export const PRECISION_BITS = 7;
const SUB_BUCKETS = 1 << PRECISION_BITS;
/** 2^31 µs (36 min) and above share the top bucket; every measured request ends long before. */
const VALUE_US_MAX = 2 ** 31 - 1;

export interface LatencySummaryUs {
  readonly count: number;
  readonly minUs: number;
  readonly meanUs: number;
  readonly p50Us: number;
  readonly p90Us: number;
  readonly p99Us: number;
  readonly p999Us: number;
  readonly maxUs: number;
}

/** The histogram's buckets as [bucket index, count] pairs, for JSON results and merging across processes. */
export interface HistogramSnapshot {
  readonly precisionBits: number;
  readonly count: number;
  readonly minUs: number;
  readonly maxUs: number;
  readonly sumUs: number;
  readonly buckets: readonly (readonly [number, number])[];
}

export function bucketIndex(valueUs: number): number {
  const v = Math.min(VALUE_US_MAX, Math.max(0, Math.floor(valueUs)));
  if (v < SUB_BUCKETS) return v;
  const exponent = 31 - Math.clz32(v);
  const shift = exponent - PRECISION_BITS;
  return SUB_BUCKETS + shift * SUB_BUCKETS + ((v >>> shift) - SUB_BUCKETS);
}

/** The values [lowUs, lowUs + widthUs) that land in bucket `index`. */
export function bucketRange(index: number): { lowUs: number; widthUs: number } {
  if (index < SUB_BUCKETS) return { lowUs: index, widthUs: 1 };
  const j = index - SUB_BUCKETS;
  const shift = Math.floor(j / SUB_BUCKETS);
  const widthUs = 2 ** shift;
  return { lowUs: (SUB_BUCKETS + (j % SUB_BUCKETS)) * widthUs, widthUs };
}

export class LatencyHistogram {
  private counts: number[] = [];
  private total = 0;
  private sumUs = 0;
  private minUs = Number.POSITIVE_INFINITY;
  private maxUs = 0;

  get count(): number {
    return this.total;
  }

  record(valueUs: number): void {
    if (!Number.isFinite(valueUs) || valueUs < 0) throw new BenchConfigError('latency', `a latency must be a finite non-negative number of µs, got ${valueUs}`);
    const index = bucketIndex(valueUs);
    while (this.counts.length <= index) this.counts.push(0);
    this.counts[index]!++;
    this.total++;
    this.sumUs += valueUs;
    if (valueUs < this.minUs) this.minUs = valueUs;
    if (valueUs > this.maxUs) this.maxUs = valueUs;
  }

  /**
   * The value at or below which `percent` % of the samples lie: the upper edge of the bucket holding
   * the sample of that rank, capped at the largest sample. It never under-reports (a tail percentile
   * rounded down would flatter the system measured).
   */
  percentile(percent: number): number {
    if (this.total === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil((Math.min(100, Math.max(0, percent)) / 100) * this.total));
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) {
        const { lowUs, widthUs } = bucketRange(i);
        return Math.max(this.minUs, Math.min(this.maxUs, lowUs + widthUs));
      }
    }
    return this.maxUs;
  }

  summary(): LatencySummaryUs {
    const empty = this.total === 0;
    return {
      count: this.total,
      minUs: empty ? Number.NaN : this.minUs,
      meanUs: empty ? Number.NaN : this.sumUs / this.total,
      p50Us: this.percentile(50),
      p90Us: this.percentile(90),
      p99Us: this.percentile(99),
      p999Us: this.percentile(99.9),
      maxUs: empty ? Number.NaN : this.maxUs,
    };
  }

  merge(other: LatencyHistogram): void {
    this.mergeSnapshot(other.snapshot());
  }

  snapshot(): HistogramSnapshot {
    const buckets: [number, number][] = [];
    this.counts.forEach((c, i) => c > 0 && buckets.push([i, c]));
    return { precisionBits: PRECISION_BITS, count: this.total, minUs: this.total ? this.minUs : 0, maxUs: this.maxUs, sumUs: this.sumUs, buckets };
  }

  static fromSnapshot(s: HistogramSnapshot): LatencyHistogram {
    const h = new LatencyHistogram();
    h.mergeSnapshot(s);
    return h;
  }

  private mergeSnapshot(s: HistogramSnapshot): void {
    if (s.precisionBits !== PRECISION_BITS) throw new BenchConfigError('histogram', `precision ${s.precisionBits} bits cannot merge into ${PRECISION_BITS}`);
    if (s.count === 0) return;
    for (const [index, c] of s.buckets) {
      while (this.counts.length <= index) this.counts.push(0);
      this.counts[index]! += c;
    }
    this.total += s.count;
    this.sumUs += s.sumUs;
    this.minUs = Math.min(this.minUs, s.minUs);
    this.maxUs = Math.max(this.maxUs, s.maxUs);
  }
}
