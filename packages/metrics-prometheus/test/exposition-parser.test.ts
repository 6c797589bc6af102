import t from 'tap';
import { ExpositionError, parseExposition, sampleValue } from '../src/exposition-parser.js';

const good = `# HELP a_total Things.\\nSecond line \\\\ done
# TYPE a_total counter
a_total{peer="n\\"1\\\\",x="y"} 3
a_total 1.5e3
# TYPE h histogram
h_bucket{le="0.1"} 1
h_bucket{le="+Inf"} 2
h_sum 0.3
h_count 2
# a plain comment
# TYPE g gauge
g NaN
g{k="v"} -Inf 1700000000000
g{k="w"} Nan
g{k="x"} +inf
`;

t.test('a well-formed exposition parses, with escapes, special values and timestamps', async (t) => {
  const f = parseExposition(good);
  t.equal(f.get('a_total')?.help, 'Things.\nSecond line \\ done');
  t.equal(sampleValue(f, 'a_total', { peer: 'n"1\\', x: 'y' }), 3);
  t.equal(sampleValue(f, 'a_total'), 1500);
  t.equal(sampleValue(f, 'h_count'), 2);
  t.ok(Number.isNaN(sampleValue(f, 'g')));
  t.equal(sampleValue(f, 'g', { k: 'v' }), -Infinity);
  t.ok(Number.isNaN(sampleValue(f, 'g', { k: 'w' })), 'special values in any case, as Go ParseFloat (prom-client writes Nan)');
  t.equal(sampleValue(f, 'g', { k: 'x' }), Infinity);
});

const bad: Array<[string, string, RegExp]> = [
  ['no TYPE before samples', 'x 1\n', /no TYPE/],
  ['a bad metric name', '# TYPE 1x gauge\n', /bad metric name/],
  ['a bad label name', '# TYPE x gauge\nx{1a="b"} 1\n', /bad label name/],
  ['an unquoted label value', '# TYPE x gauge\nx{a=b} 1\n', /quoted/],
  ['a bad escape', '# TYPE x gauge\nx{a="\\t"} 1\n', /bad escape/],
  ['a bad value', '# TYPE x gauge\nx 1,5\n', /not a sample line|bad value/],
  ['a word for a value', '# TYPE x gauge\nx infinite\n', /bad value/],
  ['a duplicate series', '# TYPE x gauge\nx{a="1"} 1\nx{a="1"} 2\n', /duplicate series/],
  ['a family split in two', '# TYPE x gauge\nx 1\n# TYPE y gauge\ny 1\n# TYPE x gauge\n', /appears twice/],
  ['TYPE after samples', '# TYPE x gauge\nx 1\n# TYPE x gauge\n', /once, before its samples/],
  ['an unknown type', '# TYPE x meter\n', /unknown type/],
  ['a negative counter', '# TYPE x_total counter\nx_total -1\n', /negative/],
  ['non-cumulative buckets', '# TYPE h histogram\nh_bucket{le="1"} 3\nh_bucket{le="+Inf"} 2\nh_sum 1\nh_count 2\n', /cumulative/],
  ['no +Inf bucket', '# TYPE h histogram\nh_bucket{le="1"} 3\nh_sum 1\nh_count 3\n', /\+Inf/],
  ['_count unlike +Inf', '# TYPE h histogram\nh_bucket{le="+Inf"} 3\nh_sum 1\nh_count 4\n', /differs/],
  ['a sample of another family', '# TYPE x gauge\ny 1\n', /no TYPE/],
  ['no final newline', '# TYPE x gauge\nx 1', /newline/],
];

for (const [what, text, message] of bad) {
  t.test(`rejects ${what}`, async (t) => {
    t.throws(() => parseExposition(text), ExpositionError);
    t.throws(() => parseExposition(text), message);
  });
}
