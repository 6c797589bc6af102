import t from 'tap';
import { Random } from '../src/sim/random.js';

t.test('the same seed gives the same stream; different seeds differ', async (t) => {
  const a = new Random(42);
  const b = new Random(42);
  const c = new Random(43);
  const xs = Array.from({ length: 20 }, () => a.nextUint32());
  t.same(Array.from({ length: 20 }, () => b.nextUint32()), xs);
  t.not(Array.from({ length: 20 }, () => c.nextUint32()).join(), xs.join());
});

t.test('int(n) stays in [0, n) and hits every value', async (t) => {
  const r = new Random(7);
  const draws = Array.from({ length: 2000 }, () => r.int(7));
  t.ok(draws.every((x) => x >= 0 && x < 7 && Number.isInteger(x)), 'every draw is an integer in [0, 7)');
  t.equal(new Set(draws).size, 7, 'every value occurs');
  t.throws(() => r.int(0), RangeError);
  t.throws(() => r.int(1.5), RangeError);
});

t.test('chance(p) is roughly p, and exact at 0 and 1', async (t) => {
  const r = new Random(1);
  let hits = 0;
  const draws = 20000;
  for (let i = 0; i < draws; i++) if (r.chance(0.3)) hits++;
  t.ok(Math.abs(hits / draws - 0.3) < 0.02, `observed ${hits / draws}`);
  t.notOk(Array.from({ length: 100 }, () => r.chance(0)).some(Boolean));
  t.ok(Array.from({ length: 100 }, () => r.chance(1)).every(Boolean));
});

t.test('pick, between and shuffled', async (t) => {
  const r = new Random(3);
  t.throws(() => r.pick([]), RangeError);
  const picks = Array.from({ length: 100 }, () => r.pick(['a', 'b']));
  t.same([...new Set(picks)].sort(), ['a', 'b'], 'pick returns elements, all of them eventually');
  const betweens = Array.from({ length: 100 }, () => r.between(2, 4));
  t.same([...new Set(betweens)].sort(), [2, 3, 4], 'between is inclusive at both ends');
  const items = [1, 2, 3, 4, 5, 6];
  const s = r.shuffled(items);
  t.same([...s].sort(), items, 'a shuffle is a permutation');
  t.same(items, [1, 2, 3, 4, 5, 6], 'the input is untouched');
});

t.test('fork() gives an independent but reproducible stream', async (t) => {
  const a = new Random(9);
  const b = new Random(9);
  const fa = a.fork();
  const fb = b.fork();
  t.same(Array.from({ length: 5 }, () => fa.nextUint32()), Array.from({ length: 5 }, () => fb.nextUint32()));
  // Drawing from the fork does not move the parent.
  t.equal(a.nextUint32(), b.nextUint32());
  const parentNext = new Random(9);
  parentNext.fork();
  const child = new Random(9).fork();
  t.not(child.nextUint32(), parentNext.nextUint32(), 'child and parent streams differ');
});
