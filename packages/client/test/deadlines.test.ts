import t from 'tap';
import { setTimeout as sleep } from 'node:timers/promises';
import { DeadlineList, type DeadlineLinks } from '../src/deadlines.js';

class Item implements DeadlineLinks<Item> {
  dueAtMs = 0;
  dueIndex = -1;
  dueList: DeadlineLinks<Item>['dueList'] = undefined;
  constructor(readonly name: string) {}
}

t.test('items come due in the order of their times, however they were armed', async (t) => {
  const fired: string[] = [];
  const list = new DeadlineList<Item>((item) => fired.push(item.name));
  const now = Date.now();
  const items = ['a', 'b', 'c', 'd', 'e'].map((n) => new Item(n));
  // In order, then two out of order, then one re-armed later.
  list.arm(items[0]!, now + 10);
  list.arm(items[1]!, now + 20);
  list.arm(items[2]!, now + 5);
  list.arm(items[3]!, now + 15);
  list.arm(items[4]!, now + 1);
  list.arm(items[4]!, now + 30);
  await sleep(60);
  t.same(fired, ['c', 'a', 'd', 'b', 'e']);
  t.equal(list.size, 0, 'nothing is left armed');
});

t.test('a disarmed item never comes due, and the rest still do', async (t) => {
  const fired: string[] = [];
  const list = new DeadlineList<Item>((item) => fired.push(item.name));
  const [a, b, c] = ['a', 'b', 'c'].map((n) => new Item(n));
  const now = Date.now();
  list.arm(a!, now + 5);
  list.arm(b!, now + 10);
  list.arm(c!, now + 15);
  list.disarm(a!); // the head: its timer fires to no effect, then waits for b
  list.disarm(c!); // the tail
  list.disarm(c!); // twice: nothing
  await sleep(40);
  t.same(fired, ['b']);
  t.equal(a!.dueList, undefined);
});

t.test('an item may be armed again from its own callback, even for a time already past', async (t) => {
  const fired: string[] = [];
  let rounds = 0;
  const list = new DeadlineList<Item>((item) => {
    fired.push(`${item.name}${rounds}`);
    if (++rounds < 3) list.arm(item, Date.now() - 5);
  });
  list.arm(new Item('x'), Date.now());
  await sleep(40);
  t.same(fired, ['x0', 'x1', 'x2'], 'each re-arm comes due on a later turn, not in a loop');
});

t.test('arming in a second list moves the item; clear drops everything and the timer', async (t) => {
  const fired: string[] = [];
  const one = new DeadlineList<Item>((item) => fired.push(`one:${item.name}`));
  const two = new DeadlineList<Item>((item) => fired.push(`two:${item.name}`));
  const [a, b] = ['a', 'b'].map((n) => new Item(n));
  one.arm(a!, Date.now() + 5);
  two.arm(a!, Date.now() + 10);
  one.arm(b!, Date.now() + 5);
  t.same([one.size, two.size], [1, 1]);
  one.clear();
  t.equal(one.size, 0, 'cleared');
  await sleep(40);
  t.same(fired, ['two:a'], 'a went off in the list it was moved to; b was cleared');
});

t.test('thousands of items armed in random order, some re-armed and some disarmed, come due sorted', async (t) => {
  const fired: number[] = [];
  const list = new DeadlineList<Item>((item) => fired.push(item.dueAtMs));
  const base = Date.now() + 20;
  let seed = 7;
  const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
  const items = Array.from({ length: 2_000 }, (_, k) => new Item(String(k)));
  for (const item of items) list.arm(item, base + random(30));
  for (let k = 0; k < 500; k++) list.arm(items[random(items.length)]!, base + random(30));
  const gone = new Set<Item>();
  for (let k = 0; k < 300; k++) {
    const item = items[random(items.length)]!;
    list.disarm(item);
    gone.add(item);
  }
  t.equal(list.size, items.length - gone.size);
  await sleep(80);
  t.equal(fired.length, items.length - gone.size, 'every armed item came due once');
  t.ok(fired.every((at, k) => k === 0 || fired[k - 1]! <= at), 'in order of their times');
  t.ok([...gone].every((item) => item.dueList === undefined && item.dueIndex === -1), 'the disarmed ones are out');
});
