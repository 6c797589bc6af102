import t from 'tap';
import { transportSuite } from '@raftbus/testkit';
import { MemoryNetwork, MemoryTransport, TransportStateError } from '../src/index.js';
import type { Message } from '../src/index.js';

transportSuite(t, {
  name: 'memory',
  orderedPerLink: true,
  createCluster: () => {
    const network = new MemoryNetwork();
    return { create: () => new MemoryTransport(network), close: async () => {} };
  },
});

const hb = (from: string, to: string, index: number): Message => ({
  type: 'heartbeat', from, to, term: 1, logTerm: 0, index, commit: 0, entries: [], reject: false, rejectHint: 0,
});

t.test('memory: delivery is asynchronous, and drops are counted by reason', async (t) => {
  const network = new MemoryNetwork({ maxInboxMessages: 3 });
  const a = new MemoryTransport(network);
  const b = new MemoryTransport(network);
  const got: number[] = [];
  await a.start('a', () => {});
  await b.start('b', (m) => got.push(m.index));
  a.send([hb('a', 'b', 1), hb('a', 'b', 2), hb('a', 'b', 3), hb('a', 'b', 4), hb('a', 'zz', 5)]);
  t.same(got, [], 'nothing is delivered inside send()');
  await new Promise((r) => setImmediate(r));
  t.same(got, [1, 2, 3]);
  t.same(network.stats, { delivered: 3, droppedUnknownDestination: 1, droppedInboxFull: 1, droppedStopped: 0 });
  a.send([hb('a', 'b', 6)]);
  await b.stop();
  await new Promise((r) => setImmediate(r));
  t.equal(network.stats.droppedStopped, 1, 'queued for a node that stopped: dropped');
  t.same(network.nodes(), ['a']);
  await a.stop();
});

t.test('memory: a transport starts once, and a node id attaches once', async (t) => {
  const network = new MemoryNetwork();
  const a = new MemoryTransport(network);
  await a.start('a', () => {});
  await t.rejects(a.start('a', () => {}), TransportStateError);
  await t.rejects(new MemoryTransport(network).start('a', () => {}), TransportStateError);
  await a.stop();
  await t.rejects(a.start('a', () => {}), TransportStateError, 'restart means a new instance');
  const again = new MemoryTransport(network);
  await again.start('a', () => {});
  await again.stop();
});
