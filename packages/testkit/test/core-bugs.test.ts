// Core bugs the simulator found, kept as regressions: each replays the seed that exposed it.
import t from 'tap';
import { runSeed } from '../src/sim/sweep.js';

t.test('regression, seed 95: no acknowledgement of entries a newer leader truncated in the same Ready', async (t) => {
  // npm run sim -- --replay 95 --nodes 5
  // Found by the ack-durable checker: follower n4 (term 3) queued an acknowledgement of index 284 to
  // leader n5 while a write was in flight; before its next Ready, an append from n1, leader of term 4,
  // truncated its log from 273. That Ready persisted the truncation and then sent the term-3
  // acknowledgement of 284 while the durable log ended at 273 (DESIGN.md: "entries are durable before
  // a follower acknowledges them"). Fixed in core 9a66a02: a term change drops queued older-term messages.
  const r = runSeed(95, { nodes: 5 });
  t.notOk(r.violation, r.violation?.message ?? 'seed 95 runs clean, heal phase included');
  t.ok(r.figures.commits > 0);
});
