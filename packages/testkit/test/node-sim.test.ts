import t from 'tap';
import { kvModel } from '../src/linearizability/models/kv.js';
import { simulate, simulateSeed } from '../src/node-sim/simulate.js';
import { kvWorkload, simKvStateMachine } from '../src/node-sim/workload.js';

const kv = { stateMachine: simKvStateMachine, workload: () => kvWorkload(), model: kvModel } as const;

t.test('whole nodes under drops, duplicates, delays, partitions and crashes: every KV history is linearizable', async (t) => {
  const report = await simulate({ ...kv, seeds: 6, from: 1000 });
  t.comment(`histories ${report.histories}, linearizable ${report.linearizable}, operations ${JSON.stringify(report.operations)}, faults ${JSON.stringify(report.faults)}`);
  t.equal(report.violations.length, 0, report.violations.map((v) => `${v.replay}\n${v.detail}`).join('\n'));
  t.ok(report.operations.ok > 1000, 'clients got real work done');
  t.ok(report.faults.partitions > 0 && report.faults.crashes > 0 && report.faults.dropped > 0 && report.faults.duplicated > 0, 'every fault kind was injected');
});

t.test('the checker rejects the histories of a control run with stale reads enabled', async (t) => {
  let caughtAt: number | undefined;
  for (let seed = 1; seed <= 10 && caughtAt === undefined; seed++) {
    const r = await simulateSeed(seed, { ...kv, seeds: 1, readConsistency: 'stale' });
    if (r.verdict === 'illegal') caughtAt = seed;
  }
  t.ok(caughtAt !== undefined, `stale reads caught (at seed ${caughtAt})`);
});

t.test('a seed replays exactly', async (t) => {
  const a = await simulateSeed(42, { ...kv, seeds: 1, durationMs: 1000 });
  const b = await simulateSeed(42, { ...kv, seeds: 1, durationMs: 1000 });
  t.same(a, b);
});
