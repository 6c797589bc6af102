// The renderers (markdown, JSON, SVG) and the target checks, on a fixed hand-written report.
import t from 'tap';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { evaluateTargets, ratios } from '../src/compare.js';
import { parseReport, renderJson } from '../src/report/json.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { linearTicks, logTicks, renderSvg, seriesFromRuns } from '../src/report/svg.js';
import type { BenchReport } from '../src/results.js';
import { fixtureReport, level } from './fixture.js';

const report: BenchReport = { ...fixtureReport, targets: evaluateTargets(fixtureReport.runs, fixtureReport.floors) };

type XmlNode = Record<string, unknown>;

/** Every element named `name` anywhere under `node` (fast-xml-parser gives objects and arrays). */
function elements(node: unknown, name: string): XmlNode[] {
  if (Array.isArray(node)) return node.flatMap((n) => elements(n, name));
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node as XmlNode).flatMap(([key, value]) => {
    const here = key === name ? (Array.isArray(value) ? value : [value]).filter((v): v is XmlNode => typeof v === 'object') : [];
    return [...here, ...elements(value, name)];
  });
}

function parseSvg(svg: string): XmlNode {
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(svg) as XmlNode;
}

/** [x, y] pairs of an SVG path made of M and L commands. */
function pathPoints(d: string): [number, number][] {
  return [...d.matchAll(/[ML]([\d.]+) ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

t.test('the SVG is well-formed XML with one p50 and one dashed p99 path per system', async (t) => {
  const series = seriesFromRuns(report.runs, 128);
  const svg = renderSvg(series, 'latency & throughput <128 B>');
  t.equal(XMLValidator.validate(svg), true, 'validates as XML (the title\'s & and < are escaped)');
  const doc = parseSvg(svg);
  const groups = elements(doc, 'g').filter((g) => g.class === 'series');
  t.same(
    groups.map((g) => g['data-system']),
    ['raftbus (3 nodes)', 'raftbus (5 nodes)', 'etcd 3.4.23 (3 members)'],
  );
  for (const g of groups) {
    const paths = elements(g, 'path');
    t.equal(paths.filter((p) => p.class === 'p50').length, 1, `${String(g['data-system'])}: one p50 path`);
    const p99 = paths.filter((p) => p.class === 'p99');
    t.equal(p99.length, 1, `${String(g['data-system'])}: one p99 path`);
    t.ok(p99[0]!['stroke-dasharray'], 'the p99 path is dashed');
    const p50Points = pathPoints(String(paths.find((p) => p.class === 'p50')!.d));
    const p99Points = pathPoints(String(p99[0]!.d));
    t.equal(p50Points.length, 3, 'one vertex per in-flight level');
    t.ok(p50Points.every((pt, i) => i === 0 || pt[0] > p50Points[i - 1]![0]), 'throughput grows to the right');
    t.ok(p99Points.every((pt, i) => pt[1] < p50Points[i]![1]), 'p99 is drawn above p50 (SVG y grows downward)');
  }
  const texts = elements(doc, 'text').map((x) => String(x['#text'] ?? ''));
  t.ok(texts.includes('throughput (commits/s)'), 'x axis is labelled');
  t.ok(texts.includes('latency (ms, log scale)'), 'y axis is labelled');
  t.ok(texts.includes('raftbus (3 nodes)') && texts.includes('etcd 3.4.23 (3 members)'), 'the legend names every system');
});

t.test('the latency axis is logarithmic: equal ratios are equal distances', async (t) => {
  const svg = renderSvg([{ name: 's', points: [{ commitsPerSecond: 100, p50Ms: 1, p99Ms: 10 }, { commitsPerSecond: 200, p50Ms: 10, p99Ms: 100 }].map((p) => ({ ...p, label: '1' })) }], 't');
  const paths = elements(parseSvg(svg), 'path');
  const [a, b] = pathPoints(String(paths.find((p) => p.class === 'p50')!.d));
  const [c, d] = pathPoints(String(paths.find((p) => p.class === 'p99')!.d));
  t.ok(Math.abs(a![1] - c![1] - (b![1] - d![1])) < 0.2, '1→10 ms spans the same height as 10→100 ms');
  t.ok(Math.abs(a![1] - b![1] - (c![1] - d![1])) < 0.2);
});

t.test('an empty plot is still valid XML and says so', async (t) => {
  const svg = renderSvg([], 'nothing');
  t.equal(XMLValidator.validate(svg), true);
  t.match(svg, /no data/);
});

t.test('axis ticks: a 1-2-5 linear scale from 0 past the max, and a log scale bracketing the data', async (t) => {
  t.same(linearTicks(31_500), [0, 10_000, 20_000, 30_000, 40_000]);
  t.same(linearTicks(1_260), [0, 500, 1000, 1500]);
  t.same(logTicks(0.35, 12), [0.2, 0.5, 1, 2, 5, 10, 20]);
  t.same(logTicks(1, 1), [1, 2], 'a single value still gets a range');
});

t.test('the markdown has every level, the ratios, the floor and the targets', async (t) => {
  const md = renderMarkdown(report, 'bench.svg');
  t.match(md, '`npm run bench -- --nodes 3,5 --compare etcd`');
  t.match(md, 'Test CPU & Co <fixture>, 2 cores, 24.0 GiB RAM');
  t.match(md, 'commit floor 0.350 ms; raftbus sequential p50 0.600 ms = 1.71× floor');
  t.match(md, 'start and end pooled — start: 0.140 + 0.190 ms, end: 0.160 + 0.210 ms');
  t.match(md, '| raftbus 3 nodes | 128 B, 256 in flight | 30.0k | 8.00 | 12.0 | 15.0 | 18.0 | 30.0 | 0 | 33 | 0.50 |');
  t.match(md, '| etcd 3 members | 128 B, 1 in flight | 1.00k | 0.900 | – | 2.00 | – | – | 0 | 1000 | – |');
  t.equal(md.split('\n').filter((l) => /^\| (raftbus|etcd) .* in flight \|/.test(l)).length, 9, 'one row per level');
  t.match(md, '### raftbus 3 nodes / etcd');
  t.match(md, '| 128 B | 256 | 2.50× | 0.40× | 0.38× |');
  t.match(md, '### raftbus 5 nodes / 3 nodes');
  t.match(md, '| 128 B | 256 | 0.67× | 1.50× | 1.67× |');
  t.match(md, '![p50 and p99 latency against throughput](bench.svg)');
  t.match(md, '| 256 in flight vs etcd | ≥ 2× etcd | 2.50× (etcd 12.0k/s) | yes |');
});

t.test('targets: met, missed, and not measured', async (t) => {
  const byName = (r: BenchReport['targets']) => Object.fromEntries(r.map((x) => [x.name, x.met]));
  t.same(byName(report.targets), {
    'sequential p50 vs floor': true,
    'sequential p50 vs etcd': true,
    '256 in flight throughput': true,
    '256 in flight vs etcd': true,
    '256 in flight p99': true,
    '5 nodes vs 3 nodes (256 in flight)': true,
  });
  const slow = [{ ...fixtureReport.runs[0]!, levels: [level('raftbus', 3, 1, 500, 2, 4), level('raftbus', 3, 256, 9_000, 20, 45)] }];
  t.same(byName(evaluateTargets(slow, fixtureReport.floors)), {
    'sequential p50 vs floor': false,
    'sequential p50 vs etcd': null,
    '256 in flight throughput': false,
    '256 in flight vs etcd': null,
    '256 in flight p99': false,
    '5 nodes vs 3 nodes (256 in flight)': null,
  });
  t.same(ratios(fixtureReport.runs[0], undefined), [], 'no ratios without the other run');
});

t.test('bench.json round-trips, with figures JSON cannot hold written as null', async (t) => {
  t.same(parseReport(renderJson(report)), report);
  const withHistogram = { ...report, runs: [{ ...report.runs[0]!, levels: [{ ...report.runs[0]!.levels[0]!, histogram: { precisionBits: 7, count: 3, minUs: 1, maxUs: 900, sumUs: 903, buckets: [[1, 2], [455, 1]] as const } }] }] };
  const text2 = renderJson(withHistogram);
  t.match(text2, '"buckets": [[1,2],[455,1]]', 'bucket pairs stay on one line');
  t.match(text2, '"loadAverage": [1,2,3]');
  t.same(parseReport(text2), withHistogram);
  const broken = { ...report, runs: [{ ...report.runs[0]!, processes: [{ id: 'n1', pid: 1, role: '', cpuSeconds: Number.NaN, peakRssBytes: 1 }] }] };
  const text = renderJson(broken);
  t.match(text, /"cpuSeconds": null/);
  t.throws(() => parseReport('{"formatVersion": 2, "runs": []}'), { code: 'BENCH_CONFIG' });
});
