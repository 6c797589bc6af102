// A 3-node counter cluster in one process (in-memory log and network), several concurrent clients
// adding to one counter through different nodes, then the final value next to the expected one.
//   npm run example:counter [-- --clients 8 --adds 200]
import { parseArgs } from 'node:util';
import { MemoryLogStore, MemoryNetwork, MemoryTransport, RaftNode } from '@raftbus/core';
import { counter } from './counter.js';

const { values } = parseArgs({ options: { clients: { type: 'string', default: '8' }, adds: { type: 'string', default: '250' } } });
const clients = Number(values.clients);
const addsPerClient = Number(values.adds);

const ids = ['n1', 'n2', 'n3'];
const network = new MemoryNetwork();
const nodes = ids.map(
  (id) => new RaftNode({ id, peers: ids, logStore: new MemoryLogStore(), transport: new MemoryTransport(network), stateMachine: counter, tickMs: 10 }),
);
await Promise.all(nodes.map((n) => n.start()));

const started = performance.now();
let expected = 0;
await Promise.all(
  Array.from({ length: clients }, async (_, c) => {
    const node = nodes[c % nodes.length]!; // clients talk to every node; followers forward
    for (let k = 0; k < addsPerClient; k++) {
      const delta = (c % 3) + 1;
      // A session makes a retry after "outcome unknown" safe: the add applies once.
      await node.propose({ name: 'hits', delta }, { session: { clientId: `client-${c}`, seq: k + 1 } });
      expected += delta;
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
const finals = await Promise.all(nodes.map((n) => n.read({ name: 'hits' })));
const leader = nodes.find((n) => n.isLeader)?.id ?? '?';
console.log(`leader ${leader}; ${clients} clients × ${addsPerClient} adds in ${seconds.toFixed(2)} s (${Math.round((clients * addsPerClient) / seconds)} adds/s)`);
for (const [k, n] of nodes.entries()) console.log(`${n.id}: hits = ${finals[k]} (expected ${expected})`);
await Promise.all(nodes.map((n) => n.stop()));
const ok = finals.every((v) => v === expected);
console.log(ok ? 'OK: every node agrees with the expected value' : 'MISMATCH');
process.exitCode = ok ? 0 : 1;
