// The randomized sweep over 500+ seeds: random faults of every kind, then a heal phase that must commit.
import t from 'tap';
import { addFigures, emptyFigures, runSeed, type SeedResult } from '../src/sim/sweep.js';

const plan = [
  { nodes: 5, seeds: 500, from: 1 },
  { nodes: 3, seeds: 100, from: 10_001 },
  { nodes: 7, seeds: 100, from: 20_001 },
];

for (const p of plan) {
  t.test(`sweep: ${p.seeds} seeds × ${p.nodes} nodes, seeds ${p.from}…${p.from + p.seeds - 1}`, async (t) => {
    const startedMs = Date.now();
    let figures = emptyFigures();
    const violations: SeedResult[] = [];
    for (let seed = p.from; seed < p.from + p.seeds; seed++) {
      const r = runSeed(seed, { nodes: p.nodes });
      figures = addFigures(figures, r.figures);
      if (r.violation) violations.push(r);
    }
    t.same(
      violations.map((r) => `seed ${r.seed} (${r.config}): ${r.violation!.message.split('\n')[0]} — replay: npm run sim -- --replay ${r.seed} --nodes ${p.nodes}`),
      [],
      'no safety or liveness violation',
    );
    // The sweep must have exercised what it claims to.
    t.ok(figures.commits > p.seeds * 50, `${figures.commits} entries committed`);
    for (const k of ['drop', 'dup', 'reorder', 'partition', 'crash', 'crashMidWrite', 'transfer', 'readsServed', 'snapshotsInstalled'] as const) {
      t.ok(figures[k] > 0, `${k}=${figures[k]}`);
    }
    t.comment(
      `${p.seeds} seeds × ${p.nodes} nodes in ${((Date.now() - startedMs) / 1000).toFixed(1)} s: ` +
        Object.entries(figures).map(([k, v]) => `${k}=${v}`).join(' '),
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
