import t from 'tap';
import { seeded } from './helpers/cluster.js';
import { BinaryReader, BinaryWriter } from '@raftbus/state-machine';
import { SessionTable } from '../src/node/sessions.js';

/** The tests' seeded generator as floats in [0, 1), so a failure names a reproducible case. */
const rng = (seed: number) => {
  const source = seeded(seed);
  return () => source.float();
};

const TTL_MS = 50;
const CLIENTS = ['a', 'b', 'c', 'd'];

/** A copy made through a snapshot, as a restarted or lagging replica gets it. */
function throughSnapshot(table: SessionTable): SessionTable {
  const w = new BinaryWriter();
  table.encode(w);
  const copy = new SessionTable(TTL_MS, 100, 10_000);
  copy.decodeFrom(new BinaryReader(w.finish()));
  return copy;
}

t.test('expiry drops exactly the sessions idle past the TTL, whatever order clients were active in', async (t) => {
  let checked = 0;
  for (let seed = 1; seed <= 200; seed++) {
    const r = rng(seed);
    let table = new SessionTable(TTL_MS, 100, 10_000);
    const lastActive = new Map<string, number>();
    const lastSeq = new Map<string, number>();
    let now = 0;
    for (let step = 1; step <= 300; step++) {
      now += Math.floor(r() * 3); // 0: several commands in one batch share a log time
      const id = CLIENTS[Math.floor(r() * (r() < 0.7 ? 1 : CLIENTS.length))]!; // mostly one busy client
      table.check(id, step, now);
      table.record(id, step, 0, new Uint8Array([1]), now);
      lastActive.set(id, now);
      lastSeq.set(id, step);
      if (r() < 0.02) table = throughSnapshot(table);
    }
    const cutoff = now - Math.floor(r() * 60);
    table.expire(cutoff + TTL_MS);
    for (const id of CLIENTS) {
      if (!lastActive.has(id)) continue;
      const kept = table.check(id, lastSeq.get(id)!, cutoff + TTL_MS).kind === 'duplicate';
      if (kept !== lastActive.get(id)! >= cutoff) {
        t.fail(`seed ${seed}: client ${id} last active at ${lastActive.get(id)}, cutoff ${cutoff}: ${kept ? 'kept' : 'dropped'}`);
        return;
      }
      checked++;
    }
  }
  t.ok(checked > 200, `${checked} sessions checked across 200 seeded histories`);
});

t.test('a session keeps its unacknowledged answers within a count and a spread of sequence numbers', async (t) => {
  const table = new SessionTable(60_000, 10, 4);
  const ok = (n: number) => ({ result: new Uint8Array([n]), error: undefined });
  const result = (n: number) => new Uint8Array([n]);
  for (let seq = 1; seq <= 4; seq++) table.record('c', seq, 1, result(seq), 0);
  t.same(table.check('c', 2, 0), { kind: 'duplicate', response: ok(2) }, 'a retry gets its first answer');
  table.record('c', 5, 1, result(5), 0);
  t.equal(table.check('c', 1, 0).kind, 'stale', 'a fifth unacknowledged answer pushes out the oldest');
  t.equal(table.check('c', 2, 0).kind, 'duplicate', 'the rest stay');
  table.record('c', 6, 4, result(6), 0);
  t.equal(table.check('c', 3, 0).kind, 'stale', 'acknowledged answers are dropped');
  t.same([4, 5, 6].map((s) => table.check('c', s, 0).kind), ['duplicate', 'duplicate', 'duplicate']);
  // Sequence numbers spread over more than twice the count: the oldest go, although only three are kept.
  table.record('c', 12, 4, result(12), 0);
  t.same([4, 5, 6, 12].map((s) => table.check('c', s, 0).kind), ['stale', 'duplicate', 'duplicate', 'duplicate'], 'a spread of 9 > 8 drops 4');
  table.record('c', 2, 4, result(2), 0);
  t.equal(table.check('c', 2, 0).kind, 'stale', 'a number below the window is forgotten at once');
  const copy = throughSnapshot(table);
  t.same([4, 5, 6, 12, 13].map((s) => copy.check('c', s, 0).kind), ['stale', 'duplicate', 'duplicate', 'duplicate', 'apply'], 'a snapshot carries the same window');
});

t.test('a failed command is remembered by its message, an empty message and an empty result included', async (t) => {
  const table = new SessionTable(60_000, 10, 16);
  table.record('c', 1, 1, 'no such lock', 0);
  table.record('c', 2, 1, '', 0);
  table.record('c', 3, 1, new Uint8Array(0), 0);
  const expected = [
    { kind: 'duplicate', response: { result: undefined, error: 'no such lock' } },
    { kind: 'duplicate', response: { result: undefined, error: '' } },
    { kind: 'duplicate', response: { result: new Uint8Array(0), error: undefined } },
  ];
  t.same([1, 2, 3].map((seq) => table.check('c', seq, 0)), expected, 'each retry gets its first outcome');
  const copy = throughSnapshot(table);
  t.same([1, 2, 3].map((seq) => copy.check('c', seq, 0)), expected, 'and so it does after a snapshot');
});
