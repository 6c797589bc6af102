// The kv-store on a real 3-node in-process RaftNode cluster (MemoryLogStore, MemoryTransport).
import { Buffer } from 'node:buffer';
import t from 'tap';
import { ApplyError } from '@raftbus/core';
import { KvClient, kvStore } from '../src/index.js';
import { InProcessCluster as TestCluster } from '@raftbus/testkit';

const bytes = (s: string) => new TextEncoder().encode(s);

t.test('put, cas, delete through a follower and the leader; every node reads the latest value', async (t) => {
  const c = new TestCluster(kvStore);
  t.teardown(() => c.stop());
  await c.start();
  const viaFollower = new KvClient(await c.follower());
  const viaLeader = new KvClient(await c.leader());
  t.equal(await viaFollower.put('cfg', bytes('v1')), null);
  t.same(await viaLeader.put('cfg', bytes('v2')), bytes('v1'));
  t.same(await viaFollower.cas('cfg', bytes('v1'), bytes('x')), { kind: 'cas', ok: false, value: bytes('v2') });
  t.same(await viaFollower.cas('cfg', bytes('v2'), bytes('v3')), { kind: 'cas', ok: true, value: bytes('v3') });
  t.same(await viaLeader.cas('new', null, bytes('only-once')), { kind: 'cas', ok: true, value: bytes('only-once') });
  for (const n of c.nodes) t.same(await new KvClient(n).get('cfg'), bytes('v3'), `${n.id} reads the latest write`);
  t.equal(await viaLeader.delete('cfg'), true);
  t.equal(await viaFollower.get('cfg'), null);
});

t.test('a 1 MiB value crosses the log from a follower; an oversized one fails on every node alike', async (t) => {
  const c = new TestCluster(kvStore);
  t.teardown(() => c.stop());
  await c.start();
  const viaFollower = new KvClient(await c.follower());
  const big = new Uint8Array(1 << 20).map((_, k) => k % 251);
  t.equal(await viaFollower.put('big', big), null);
  // Buffer.equals, not t.same: tap's deep comparison walks a 1 MiB array element by element (≈ 15 s).
  const sameBytes = (v: Uint8Array | null) => v !== null && Buffer.from(v.buffer, v.byteOffset, v.byteLength).equals(big);
  for (const n of c.nodes) t.ok(sameBytes(await new KvClient(n).get('big')), `${n.id} holds the whole value`);
  await t.rejects(viaFollower.put('big', new Uint8Array((1 << 20) + 1)), ApplyError);
  await t.rejects(viaFollower.put('big', new Uint8Array((1 << 20) + 1)), { message: /maxValueBytes/ });
  t.ok(sameBytes(await viaFollower.get('big')), 'the refused put changed nothing');
});

t.test('a retried put in a client session applies once and returns the first result', async (t) => {
  const c = new TestCluster(kvStore);
  t.teardown(() => c.stop());
  await c.start();
  const session = { clientId: 'app-1', seq: 1 };
  await new KvClient(await c.leader()).put('k', bytes('before'));
  const first = await new KvClient(await c.follower()).put('k', bytes('mine'), { session });
  const retry = await new KvClient(await c.leader()).put('k', bytes('mine'), { session });
  t.same(first, bytes('before'));
  t.same(retry, bytes('before'), 'the retry answers with the first result instead of applying again');
});

t.test('the data survives a restart of the whole cluster (snapshots + log)', async (t) => {
  const c = new TestCluster(kvStore, { snapshotEntries: 8 });
  t.teardown(() => c.stop());
  await c.start();
  let snapshots = 0;
  for (const n of c.nodes) n.on('snapshot', () => snapshots++);
  const kv = new KvClient(await c.leader());
  for (let k = 0; k < 30; k++) await kv.put(`key-${k % 10}`, bytes(`value-${k}`));
  await kv.delete('key-0');
  t.ok(snapshots > 0, `the nodes took snapshots (${snapshots})`);
  await c.stop();
  await c.start();
  const after = new KvClient(await c.follower());
  t.equal(await after.get('key-0'), null);
  for (let k = 1; k < 10; k++) t.same(await after.get(`key-${k}`), bytes(`value-${20 + k}`), `key-${k} has its last value`);
});
