// FastHistogram against a stock prom-client Histogram fed the same values: the same text exposition and
// the same JSON, observation for observation; then its refusals and reset.
import t from 'tap';
import { Histogram, Registry, type RegistryContentType } from 'prom-client';
import { FastHistogram } from '../src/fast-histogram.js';

const BUCKETS = [0.001, 0.005, 0.01, 0.1, 1];

function pair() {
  // Either exposition format: the test switches both registries to OpenMetrics at the end.
  const stockRegistry = new Registry<RegistryContentType>();
  const fastRegistry = new Registry<RegistryContentType>();
  const stock = new Histogram({ name: 'x_seconds', help: 'Some latency.', buckets: [...BUCKETS], registers: [stockRegistry] });
  const fast = new FastHistogram({ name: 'x_seconds', help: 'Some latency.', buckets: BUCKETS, registers: [fastRegistry] });
  return { stock, fast, stockRegistry, fastRegistry };
}

t.test('the same exposition and JSON as prom-client for the same values, on every bucket edge', async (t) => {
  const { stock, fast, stockRegistry, fastRegistry } = pair();
  t.equal(await fastRegistry.metrics(), await stockRegistry.metrics(), 'empty');
  let state = 12345;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 1.5;
  const values = [0, 0.001, 0.0010001, 0.005, 0.01, 0.1, 1, 1.0001, 2, 1e-9, ...Array.from({ length: 500 }, random)];
  for (const v of values) {
    stock.observe(v);
    fast.observe(v);
  }
  const text = await fastRegistry.metrics();
  t.equal(text, await stockRegistry.metrics(), 'text exposition');
  t.match(text, /x_seconds_bucket\{le="0.001"\} 3\n/, 'a value equal to a bound counts in that bound (0, 1e-9 and 0.001)');
  t.match(text, new RegExp(`x_seconds_count ${values.length}\\n`));
  t.same(await fastRegistry.getMetricsAsJSON(), await stockRegistry.getMetricsAsJSON(), 'JSON');
  stockRegistry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  fastRegistry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  t.equal(await fastRegistry.metrics(), await stockRegistry.metrics(), 'OpenMetrics exposition');
});

t.test('reset empties it, as the stock one; labels, non-numbers and unsorted buckets are refused', async (t) => {
  const { stock, fast, stockRegistry, fastRegistry } = pair();
  for (const v of [0.002, 3]) {
    stock.observe(v);
    fast.observe(v);
  }
  stockRegistry.resetMetrics();
  fastRegistry.resetMetrics();
  t.equal(await fastRegistry.metrics(), await stockRegistry.metrics(), 'after reset: no series at all, as prom-client');
  t.notMatch(await fastRegistry.metrics(), /x_seconds_count/);
  stock.observe(0.05);
  fast.observe(0.05);
  t.equal(await fastRegistry.metrics(), await stockRegistry.metrics(), 'the next value brings the series back, counted from zero');
  t.match(await fastRegistry.metrics(), /x_seconds_count 1\n/);
  t.throws(() => fast.observe({ peer: 'n2' }, 1), TypeError);
  t.throws(() => fast.observe(Number.NaN), { message: /not a valid number/ });
  t.throws(() => fast.observe(Infinity), TypeError);
  t.throws(() => new FastHistogram({ name: 'y', help: 'h', buckets: [1, 0.5], registers: [] }), RangeError);
  t.throws(() => new FastHistogram({ name: 'z', help: 'h', buckets: [1, 1], registers: [] }), RangeError);
});
