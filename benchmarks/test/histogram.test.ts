// The latency histogram against the exact percentiles of a sorted array of the same samples.
import t from 'tap';
import { LatencyHistogram, PRECISION_BITS, bucketIndex, bucketRange } from '../src/histogram.js';

/** The exact percentile as the histogram defines it: the sample of rank ceil(p% of n). */
function exact(sorted: readonly number[], percent: number): number {
  return sorted[Math.max(1, Math.ceil((percent / 100) * sorted.length)) - 1]!;
}

/** A seeded PRNG, so a failure replays. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const RELATIVE_ERROR_MAX = 1 / 2 ** PRECISION_BITS;

const distributions: Record<string, (r: () => number) => number> = {
  'uniform 0–2 ms': (r) => r() * 2000,
  // A long tail over five decades, the shape of commit latencies under load.
  'log-uniform 10 µs–1 s': (r) => 10 * 10 ** (r() * 5),
  'bimodal (fast path and a 40 ms stall)': (r) => (r() < 0.97 ? 300 + r() * 200 : 40_000 + r() * 5_000),
};

for (const [name, draw] of Object.entries(distributions)) {
  t.test(`percentiles match a sorted array within the bucket precision: ${name}`, async (t) => {
    const random = mulberry32(name.length * 7919);
    const h = new LatencyHistogram();
    const samples: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      const v = draw(random);
      samples.push(v);
      h.record(v);
    }
    samples.sort((a, b) => a - b);
    t.equal(h.count, samples.length);
    for (const p of [50, 90, 99, 99.9, 100]) {
      const want = exact(samples, p);
      const got = h.percentile(p);
      // Never below the exact sample (a tail is not rounded down), at most one bucket above.
      t.ok(got >= Math.floor(want), `p${p}: ${got} ≥ ${want}`);
      t.ok(got - want <= Math.max(1, want * RELATIVE_ERROR_MAX), `p${p}: ${got} within ${(RELATIVE_ERROR_MAX * 100).toFixed(2)}% of ${want}`);
    }
    const s = h.summary();
    t.equal(s.maxUs, samples[samples.length - 1], 'max is the exact largest sample');
    t.equal(s.minUs, samples[0], 'min is the exact smallest sample');
    t.ok(Math.abs(s.meanUs - samples.reduce((a, b) => a + b, 0) / samples.length) < 1e-6 * s.meanUs, 'mean is exact');
  });
}

t.test('below 2^p µs the buckets are 1 µs wide: a percentile is its sample rounded up to the next µs', async (t) => {
  const h = new LatencyHistogram();
  for (const v of [3.2, 3.9, 5.5, 7, 100]) h.record(v);
  t.equal(h.percentile(20), 4);
  t.equal(h.percentile(40), 4);
  t.equal(h.percentile(60), 6);
  t.equal(h.percentile(80), 8);
  t.equal(h.percentile(100), 100, 'capped at the largest sample');
});

t.test('every value lands in the bucket whose range holds it, and buckets tile the line without gaps', async (t) => {
  let previousEnd = 0;
  let index = 0;
  // Up to the top bucket, where everything from 2^31 µs (36 min) is clamped.
  for (; bucketRange(index + 1).lowUs < 2 ** 31; index++) {
    const { lowUs, widthUs } = bucketRange(index);
    if (lowUs !== previousEnd) return t.fail(`bucket ${index} starts at ${lowUs}, the previous ended at ${previousEnd}`);
    previousEnd = lowUs + widthUs;
    if (bucketIndex(lowUs) !== index || bucketIndex(lowUs + widthUs - 1) !== index || bucketIndex(lowUs + widthUs) !== index + 1) {
      return t.fail(`bucket ${index} [${lowUs}, ${lowUs + widthUs}) does not map back to itself`);
    }
  }
  t.pass(`${index} bucket ranges tile [0, ${previousEnd}) and map back`);
});

t.test('a snapshot carries every count: merging two halves equals recording the whole', async (t) => {
  const random = mulberry32(42);
  const whole = new LatencyHistogram();
  const a = new LatencyHistogram();
  const b = new LatencyHistogram();
  for (let i = 0; i < 10_000; i++) {
    const v = 50 + random() * 20_000;
    whole.record(v);
    (i % 2 ? a : b).record(v);
  }
  const merged = LatencyHistogram.fromSnapshot(JSON.parse(JSON.stringify(a.snapshot())));
  merged.merge(b);
  const { meanUs: mergedMean, ...mergedRest } = merged.summary();
  const { meanUs: wholeMean, ...wholeRest } = whole.summary();
  t.same(mergedRest, wholeRest);
  t.ok(Math.abs(mergedMean - wholeMean) < 1e-9 * wholeMean, 'the mean differs only by float summation order');
});

t.test('an empty histogram reports NaN, and a negative latency is refused', async (t) => {
  const h = new LatencyHistogram();
  t.ok(Number.isNaN(h.percentile(50)));
  t.throws(() => h.record(-1), { code: 'BENCH_CONFIG' });
  t.throws(() => h.record(Number.NaN), { code: 'BENCH_CONFIG' });
});
