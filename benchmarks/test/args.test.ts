// The command line: defaults, --quick, and typed refusals of bad values.
import t from 'tap';
import { parseBenchArgs } from '../src/args.js';

t.test('defaults: 3 nodes, every payload and level, 5 s per level', async (t) => {
  const o = parseBenchArgs([]);
  t.same(o.nodeCounts, [3]);
  t.same(o.inFlightLevels, [1, 16, 64, 256]);
  t.same(o.payloadSizes, [16, 128, 1024]);
  t.same(o.openLoopRates, []);
  t.equal(o.secondsPerLevel, 5);
  t.equal(o.compareEtcd, false);
  t.equal(o.rounds, 1);
  t.match(o.outDir, /benchmarks\/results$/);
});

t.test('--quick is short unless told otherwise', async (t) => {
  const o = parseBenchArgs(['--quick']);
  t.same(o.inFlightLevels, [1, 64, 256]);
  t.same(o.payloadSizes, [128]);
  t.equal(o.secondsPerLevel, 2);
  t.same(parseBenchArgs(['--quick', '--inflight', '8']).inFlightLevels, [8], 'an explicit level wins');
});

t.test('lists, open loop, and etcd', async (t) => {
  const o = parseBenchArgs(['--nodes', '5,3', '--compare', 'etcd', '--rate', '2000,4000', '--inflight', 'none', '--seconds', '1.5']);
  t.same(o.nodeCounts, [3, 5], 'sorted, so the 5/3 ratio has its 3-node run first');
  t.equal(o.compareEtcd, true);
  t.same(o.openLoopRates, [2000, 4000]);
  t.same(o.inFlightLevels, []);
  t.equal(o.secondsPerLevel, 1.5);
  t.equal(parseBenchArgs(['--rounds', '3']).rounds, 3);
});

t.test('bad values are refused with the field named', async (t) => {
  t.throws(() => parseBenchArgs(['--nodes', '4']), { code: 'BENCH_CONFIG', field: '--nodes' });
  t.throws(() => parseBenchArgs(['--compare', 'zookeeper']), { code: 'BENCH_CONFIG', field: '--compare' });
  t.throws(() => parseBenchArgs(['--inflight', '0']), { code: 'BENCH_CONFIG', field: '--inflight' });
  t.throws(() => parseBenchArgs(['--inflight', 'none']), { code: 'BENCH_CONFIG', field: '--inflight' }, 'nothing to run');
  t.throws(() => parseBenchArgs(['--payload', '1.5']), { code: 'BENCH_CONFIG', field: '--payload' });
  t.throws(() => parseBenchArgs(['--base-port', '8000']), { code: 'BENCH_CONFIG', field: '--base-port' }, 'outside the bench port range');
  t.throws(() => parseBenchArgs(['--bogus']), { code: 'BENCH_CONFIG', field: 'arguments' });
  for (const bad of ['0', '10', '1.5']) t.throws(() => parseBenchArgs(['--rounds', bad]), { code: 'BENCH_CONFIG', field: '--rounds' }, `--rounds ${bad}`);
});
