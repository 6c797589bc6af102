// The ceiling of the runtime itself: a 3-node cluster in one process on the in-memory log store and
// network (no disk, no sockets), closed-loop proposals with 1 and with N callers in flight.
//   npm run bench:in-process [-- --seconds 3 --concurrency 1,256 --session --follower]
import { parseArgs } from 'node:util';
import { MemoryLogStore, MemoryNetwork, MemoryTransport, RaftNode } from '@raftbus/core';
import { counter } from '@raftbus/example-counter';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '3' }, concurrency: { type: 'string', default: '1,256' }, follower: { type: 'boolean', default: false }, session: { type: 'boolean', default: false } },
});
const seconds = Number(values.seconds);
const levels = values.concurrency.split(',').map(Number);

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function run(concurrency: number) {
  const ids = ['n1', 'n2', 'n3'];
  const network = new MemoryNetwork();
  const nodes = ids.map(
    (id) => new RaftNode({ id, peers: ids, logStore: new MemoryLogStore(), transport: new MemoryTransport(network), stateMachine: counter, tickMs: 50, snapshotEntries: 50_000 }),
  );
  await Promise.all(nodes.map((n) => n.start()));
  while (!nodes.some((n) => n.isLeader)) await new Promise((r) => setTimeout(r, 10));
  const leader = nodes.find((n) => n.isLeader)!;
  const target = values.follower ? nodes.find((n) => !n.isLeader)! : leader;
  const latencies: number[] = [];
  const warmupUntil = performance.now() + 500;
  const until = warmupUntil + seconds * 1000;
  let done = 0;
  // --session: every proposal in one client session (as @raftbus/client sends them), acknowledged in order.
  let seq = 0;
  const answered = new Set<number>();
  let ackedBelow = 0;
  const session = (s: number) => (values.session ? { session: { clientId: 'bench-client', seq: s, ackedBelow } } : {});
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        const s = seq++;
        await target.propose({ name: 'c', delta: 1 }, session(s));
        answered.add(s);
        while (answered.delete(ackedBelow)) ackedBelow++;
        const t1 = performance.now();
        if (t0 >= warmupUntil) {
          latencies.push(t1 - t0);
          done++;
        }
      }
    }),
  );
  await Promise.all(nodes.map((n) => n.stop()));
  const sorted = Float64Array.from(latencies).sort();
  return { concurrency, perSecond: done / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

console.log(`in-process 3-node cluster, ${values.follower ? 'proposals on a follower' : 'proposals on the leader'}${values.session ? ' in one client session' : ''}, ${seconds} s per level (after 0.5 s warm-up)`);
console.log('| in flight | proposals/s | p50 ms | p99 ms |');
console.log('|---:|---:|---:|---:|');
for (const c of levels) {
  const r = await run(c);
  console.log(`| ${r.concurrency} | ${Math.round(r.perSecond)} | ${r.p50.toFixed(3)} | ${r.p99.toFixed(3)} |`);
}
