import t, { type Test } from 'tap';
import { seeded } from './helpers/cluster.js';
import { SequenceMap } from '../src/node/sequence-map.js';

/** `t.equal`, but only a mismatch is reported: the random runs below compare thousands of values. */
function check(t: Test, actual: unknown, expected: unknown, message: string): number {
  if (actual !== expected) t.equal(actual, expected, message);
  return 1;
}

/** The same content, read through every accessor, as a Map kept beside it says (mismatches reported). */
function assertSame(t: Test, m: SequenceMap<number>, ref: Map<number, number>, where: string): number {
  const sorted = [...ref].sort((a, b) => a[0] - b[0]);
  const span = sorted.length === 0 ? 0 : sorted[sorted.length - 1]![0] - sorted[0]![0] + 1;
  check(t, JSON.stringify([...m.entries()]), JSON.stringify(sorted), `${where}: entries in key order`);
  check(t, m.size, ref.size, `${where}: size`);
  check(t, m.firstKey(), sorted[0]?.[0], `${where}: first key`);
  return check(t, m.span, span, `${where}: span`) * 4;
}

t.test('behaves as a Map under random sets, deletes and deleteBelow, with keys mostly rising', async (t) => {
  let checks = 0;
  for (let seed = 1; seed <= 60; seed++) {
    const r = seeded(seed);
    const m = new SequenceMap<number>(1 + r.int(8));
    const ref = new Map<number, number>();
    let next = r.int(1_000) + (seed % 3 === 0 ? 2 ** 31 - 500 : 0); // some runs cross 2^31
    for (let op = 0; op < 2_000; op++) {
      const roll = r.int(100);
      if (roll < 50) {
        const key = r.int(10) === 0 ? Math.max(0, next - r.int(200)) : next++;
        m.set(key, op);
        ref.set(key, op);
      } else if (roll < 85) {
        const keys = [...ref.keys()];
        const key = keys.length > 0 && r.int(4) > 0 ? keys[r.int(keys.length)]! : next + r.int(5) - r.int(400);
        checks += check(t, m.delete(key), ref.delete(key), `seed ${seed} op ${op}: delete(${key}) says whether it was there`);
      } else if (roll < 90) {
        const below = next - r.int(300);
        let expected = 0;
        for (const k of [...ref.keys()]) if (k < below) expected += ref.delete(k) ? 1 : 0;
        checks += check(t, m.deleteBelow(below), expected, `seed ${seed} op ${op}: deleteBelow(${below}) counts what it deleted`);
      } else {
        const key = next - r.int(600);
        checks += check(t, m.get(key), ref.get(key), `seed ${seed} op ${op}: get(${key})`);
        checks += check(t, m.has(key), ref.has(key), `seed ${seed} op ${op}: has(${key})`);
      }
      if (op % 250 === 0) checks += assertSame(t, m, ref, `seed ${seed} op ${op}`);
    }
    checks += assertSame(t, m, ref, `seed ${seed} end`);
    m.clear();
    checks += assertSame(t, m, new Map(), `seed ${seed} cleared`);
  }
  t.ok(checks > 50_000, `${checks} results compared with the Map's`);
});

t.test('growing the ring keeps every entry at its key, also when a key extends the span downwards', async (t) => {
  const m = new SequenceMap<string>(4);
  for (const k of [100, 101, 103]) m.set(k, `v${k}`);
  m.set(90, 'v90'); // span 14: the ring doubles twice
  m.set(130, 'v130');
  t.same([...m.keys()], [90, 100, 101, 103, 130]);
  t.same([...m.values()], ['v90', 'v100', 'v101', 'v103', 'v130']);
  t.equal(m.span, 41);
  t.equal(m.spanWith(80), 51, 'spanWith a lower key');
  t.equal(m.spanWith(140), 51, 'spanWith a higher key');
  t.equal(m.spanWith(110), 41, 'spanWith a key inside');
  t.equal(new SequenceMap().spanWith(7), 1, 'spanWith on an empty map');
});

t.test('a ring grown for a wide window shrinks once the window is narrow again, down to 256 slots', async (t) => {
  const m = new SequenceMap<number>();
  for (let k = 0; k < 4_000; k++) m.set(k, k);
  t.equal(m.capacity, 4_096);
  m.deleteBelow(3_000);
  t.equal(m.capacity, 4_096, 'a span of 1000 still needs a quarter of it');
  m.deleteBelow(3_950);
  t.equal(m.capacity, 256, 'a span of 50 (under 4096 / 8) takes it down to 4 x 50, and no lower than 256');
  t.same([...m.keys()].slice(0, 3), [3_950, 3_951, 3_952], 'with every entry still at its key');
  for (let k = 3_950; k < 4_000; k++) m.delete(k);
  t.equal(m.capacity, 256, 'empty, it keeps 256 slots: a window that fills and empties every batch does not regrow');
  const small = new SequenceMap<number>();
  for (let k = 0; k < 200; k++) small.set(k, k);
  small.deleteBelow(200);
  t.equal(small.capacity, 256, 'a ring of 256 or fewer slots keeps its size');
});

t.test('entries may be deleted while iterating', async (t) => {
  const m = new SequenceMap<number>();
  for (let k = 10; k < 30; k++) m.set(k, k);
  const seen: number[] = [];
  for (const [k] of m.entries()) {
    seen.push(k);
    if (k % 2 === 0) m.delete(k);
    if (k === 15) m.delete(16);
  }
  t.same(seen, [10, 11, 12, 13, 14, 15, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29].filter((k) => k !== 16));
  t.same([...m.keys()], [11, 13, 15, 17, 19, 21, 23, 25, 27, 29]);
});

t.test('refuses keys it cannot place and undefined values', async (t) => {
  const m = new SequenceMap<number>();
  t.throws(() => m.set(-1, 1), RangeError);
  t.throws(() => m.set(1.5, 1), RangeError);
  t.throws(() => m.set(2 ** 53, 1), RangeError);
  t.throws(() => m.set(1, undefined as unknown as number), TypeError);
  m.set(0, 1);
  t.throws(() => m.set(2 ** 31, 1), /over 2\^30 keys/, 'a span over 2^30 keys');
  t.same([...m.entries()], [[0, 1]], 'a refused set changes nothing');
  m.set(5, 5);
  t.same([m.get(5.5), m.has(4.5), m.delete(5.25)], [undefined, false, false], 'a key that is not an integer is never present');
  t.equal(m.get(5), 5);
});

t.test('setWithin keeps at most maxSize entries over at most maxSpan keys, dropping the oldest', async (t) => {
  // Reference: a Map with the same rules, written the obvious way.
  let checks = 0;
  for (let seed = 1; seed <= 40; seed++) {
    const r = seeded(seed);
    const maxSize = 1 + r.int(20);
    const maxSpan = maxSize + r.int(40);
    const m = new SequenceMap<number>();
    const ref = new Map<number, number>();
    let next = 0;
    for (let op = 0; op < 500; op++) {
      const key = r.int(6) === 0 ? Math.max(0, next - r.int(3 * maxSpan)) : (next += 1 + (r.int(8) === 0 ? r.int(2 * maxSpan) : 0));
      let droppedBelow = 0;
      const keys = () => [...ref.keys()].sort((a, b) => a - b);
      const lowest = keys()[0];
      if (lowest !== undefined && Math.max(keys().at(-1)!, key) - Math.min(lowest, key) + 1 > maxSpan) {
        if (key < lowest) droppedBelow = key + 1;
        else {
          droppedBelow = key - maxSpan + 1;
          for (const k of keys()) if (k < droppedBelow) ref.delete(k);
        }
      }
      if (droppedBelow !== key + 1) {
        ref.set(key, op);
        if (ref.size > maxSize) {
          const oldest = keys()[0]!;
          ref.delete(oldest);
          droppedBelow = Math.max(droppedBelow, oldest + 1);
        }
      }
      checks += check(t, m.setWithin(key, op, maxSize, maxSpan), droppedBelow, `seed ${seed} op ${op}: setWithin(${key}) reports what it dropped`);
      checks += check(t, m.size <= maxSize && m.span <= maxSpan, true, `seed ${seed} op ${op}: within bounds`);
      if (op % 50 === 0) checks += assertSame(t, m, ref, `seed ${seed} op ${op}`);
    }
  }
  t.ok(checks > 30_000, `${checks} results compared with the reference's`);
});
