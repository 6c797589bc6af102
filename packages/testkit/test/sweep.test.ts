// The randomized sweep over 500+ seeds: random faults of every kind, then a heal phase that must commit.
import t from 'tap';
import { addFigures, emptyFigures, runSeed, type SeedResult } from '../src/sim/sweep.js';

/**
 * A core bug the sweep found (see core-bugs.test.ts): a follower acknowledges an append and, in the
 * same Ready, truncates those entries for a newer leader, so the acknowledgement leaves after the
 * write that undid it. Seeds it stops are re-run with the durability-before-send checks off, so every
 * other checker still covers them to the end.
 */
const KNOWN_CORE_BUG = 'ack-durable';

const plan = [
  { nodes: 5, seeds: 500, from: 1 },
  { nodes: 3, seeds: 100, from: 10_001 },
  { nodes: 7, seeds: 100, from: 20_001 },
];

for (const p of plan) {
  t.test(`sweep: ${p.seeds} seeds × ${p.nodes} nodes, seeds ${p.from}…${p.from + p.seeds - 1}`, async (t) => {
    const startedMs = Date.now();
    let figures = emptyFigures();
    const unexpected: SeedResult[] = [];
    const knownBug: SeedResult[] = [];
    for (let seed = p.from; seed < p.from + p.seeds; seed++) {
      const r = runSeed(seed, { nodes: p.nodes });
      figures = addFigures(figures, r.figures);
      if (!r.violation) continue;
      if (r.violation.property !== KNOWN_CORE_BUG) {
        unexpected.push(r);
        continue;
      }
      knownBug.push(r);
      const rerun = runSeed(seed, { nodes: p.nodes, checkSendDurability: false });
      if (rerun.violation) unexpected.push(rerun);
    }
    t.same(
      unexpected.map((r) => `seed ${r.seed} (${r.config}): ${r.violation!.message.split('\n')[0]}`),
      [],
      'no safety or liveness violation',
    );
    t.same(
      knownBug.map((r) => `seed ${r.seed}: ${r.violation!.message}`),
      [],
      'no acknowledgement of entries that are no longer durable',
      { todo: 'core bug: stale AppendResponse sent after the same Ready truncated the acknowledged entries (reported to the integrator)' },
    );
    // The sweep must have exercised what it claims to.
    t.ok(figures.commits > p.seeds * 50, `${figures.commits} entries committed`);
    for (const k of ['drop', 'dup', 'reorder', 'partition', 'crash', 'crashMidWrite', 'transfer', 'readsServed', 'snapshotsInstalled'] as const) {
      t.ok(figures[k] > 0, `${k}=${figures[k]}`);
    }
    t.comment(
      `${p.seeds} seeds × ${p.nodes} nodes in ${((Date.now() - startedMs) / 1000).toFixed(1)} s: ` +
        Object.entries(figures).map(([k, v]) => `${k}=${v}`).join(' ') +
        ` knownCoreBugSeeds=[${knownBug.map((r) => r.seed).join(',')}]`,
    );
  });
}

t.test('a seed replays exactly', async (t) => {
  const a = runSeed(123, { nodes: 5 });
  const b = runSeed(123, { nodes: 5 });
  t.same(a.figures, b.figures);
  t.equal(a.config, b.config);
  t.not(JSON.stringify(runSeed(124, { nodes: 5 }).figures), JSON.stringify(a.figures), 'another seed is another run');
});
