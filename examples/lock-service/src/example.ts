// The README's example, runnable: `npm run build && node examples/lock-service/dist/example.js`.
import { MemoryLogStore, MemoryNetwork, MemoryTransport, RaftNode } from '@raftbus/core';
import { LockClient, LockTicker, lockService } from './index.js'; // '@raftbus/example-lock-service' outside this folder

const ids = ['n1', 'n2', 'n3'];
const network = new MemoryNetwork();
const nodes = ids.map((id) => new RaftNode({ id, peers: ids, logStore: new MemoryLogStore(), transport: new MemoryTransport(network), stateMachine: lockService, tickMs: 10 }));
await Promise.all(nodes.map((n) => n.start()));
const tickers = nodes.map((n) => new LockTicker(n, { intervalMs: 50 }).start()); // leases expire even when idle

const locks = new LockClient(nodes[1]!); // any node: followers forward to the leader
const a = await locks.acquire('reports', 'worker-a', 200); // granted, token 1, for 200 ms of log time
const b = await locks.acquire('reports', 'worker-b', 5_000, 10_000); // queued behind worker-a
console.log(a, b);
await new Promise((resolve) => setTimeout(resolve, 400)); // worker-a never renews: its lease expires
console.log(await locks.status('reports')); // worker-b holds it now, with token 2
if (a.kind === 'granted') console.log(await locks.release('reports', 'worker-a', a.token)); // rejected: not-holder

tickers.forEach((t) => t.stop());
await Promise.all(nodes.map((n) => n.stop()));
