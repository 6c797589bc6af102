import t from 'tap';
import type { Message } from '@raftbus/core';
import { Random } from '../src/sim/random.js';
import { SimNetwork, RELIABLE_LINK } from '../src/sim/network.js';

const ids = ['n1', 'n2', 'n3', 'n4', 'n5'];

function msg(from: string, to: string, index = 0): Message {
  return { type: 'heartbeat', from, to, term: 1, logTerm: 0, index, commit: 0, entries: [], reject: false, rejectHint: 0 };
}

t.test('a reliable network delivers everything, in order, in the same tick', async (t) => {
  const net = new SimNetwork(ids, new Random(1));
  for (let i = 0; i < 10; i++) net.send(msg('n1', 'n2', i), 5);
  t.same(net.takeDue(5).map((m) => m.index), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  t.equal(net.messagesInFlight, 0);
  t.equal(net.counters.sent, 10);
});

t.test('drop, duplicate, delay and reorder happen at their rates', async (t) => {
  const net = new SimNetwork(ids, new Random(2));
  net.setFaults({ dropRate: 0.2, duplicateRate: 0.1, reorderRate: 0.3, delayTicksMin: 1, delayTicksMax: 3, reorderDelayTicksMax: 10 });
  const sent = 5000;
  for (let i = 0; i < sent; i++) net.send(msg('n1', 'n2', i), 0);
  t.same(net.takeDue(0), [], 'nothing arrives before its delay');
  const arrived: number[] = [];
  for (let tick = 1; tick <= 20; tick++) arrived.push(...net.takeDue(tick).map((m) => m.index));
  const c = net.counters;
  t.ok(Math.abs(c.dropped / sent - 0.2) < 0.03, `drop rate ${c.dropped / sent}`);
  t.ok(Math.abs(c.duplicated / (sent - c.dropped) - 0.1) < 0.03, `dup rate ${c.duplicated / (sent - c.dropped)}`);
  t.equal(arrived.length, sent - c.dropped + c.duplicated, 'every copy not dropped arrives');
  // A message is overtaken if something sent after it arrived before it.
  let overtaken = 0;
  let highestSeen = -1;
  for (const index of arrived) {
    if (index < highestSeen) overtaken++;
    highestSeen = Math.max(highestSeen, index);
  }
  t.ok(overtaken > sent / 4, `messages overtake each other (${overtaken} overtaken)`);
  t.ok(c.reordered > 0 && c.delayed > 0);
});

t.test('symmetric partition cuts both directions between groups only', async (t) => {
  const net = new SimNetwork(ids, new Random(3));
  net.partition([['n1', 'n2'], ['n3', 'n4', 'n5']]);
  t.ok(net.isLinkUp('n1', 'n2'));
  t.ok(net.isLinkUp('n3', 'n5'));
  t.notOk(net.isLinkUp('n1', 'n3'));
  t.notOk(net.isLinkUp('n4', 'n2'));
  net.send(msg('n1', 'n3'), 0);
  net.send(msg('n1', 'n2'), 0);
  t.same(net.takeDue(0).map((m) => m.to), ['n2']);
  t.equal(net.counters.blocked, 1);
  net.healPartitions();
  t.ok(net.isLinkUp('n1', 'n3'));
});

t.test('one-way partition cuts only one direction', async (t) => {
  const net = new SimNetwork(ids, new Random(4));
  net.partitionOneWay(['n1'], ['n2', 'n3']);
  t.notOk(net.isLinkUp('n1', 'n2'));
  t.ok(net.isLinkUp('n2', 'n1'));
  t.ok(net.isLinkUp('n1', 'n4'));
});

t.test('bridge partition: the bridge talks to both halves, the halves not to each other', async (t) => {
  const net = new SimNetwork(ids, new Random(5));
  net.partitionBridge(['n1', 'n2'], ['n4', 'n5'], 'n3');
  for (const x of ['n1', 'n2', 'n4', 'n5']) {
    t.ok(net.isLinkUp('n3', x) && net.isLinkUp(x, 'n3'), `bridge <-> ${x}`);
  }
  t.notOk(net.isLinkUp('n1', 'n4'));
  t.notOk(net.isLinkUp('n5', 'n2'));
  t.throws(() => net.partitionBridge(['n1', 'n3'], ['n4'], 'n3'));
});

t.test('a cut that starts while a message is in flight loses it; one that heals lets it through', async (t) => {
  const net = new SimNetwork(ids, new Random(6));
  net.setFaults({ ...RELIABLE_LINK, delayTicksMin: 2, delayTicksMax: 2 });
  net.send(msg('n1', 'n2', 1), 0);
  net.disconnect('n2');
  t.same(net.takeDue(2), []);
  net.send(msg('n1', 'n2', 2), 2);
  net.connect('n2');
  t.same(net.takeDue(4).map((m) => m.index), [2]);
});

t.test('unknown nodes are usage errors', async (t) => {
  const net = new SimNetwork(ids, new Random(7));
  t.throws(() => net.disconnect('n9'), { code: 'SIM_USAGE' });
  t.throws(() => net.partition([['n1'], ['x']]), { code: 'SIM_USAGE' });
});
