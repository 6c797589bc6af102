// The lock service on a real 3-node in-process RaftNode cluster (MemoryLogStore, MemoryTransport).
import t from 'tap';
import { ApplyError } from '@raftbus/core';
import { LockClient, LockTicker, lockService } from '../src/index.js';
import { InProcessCluster as TestCluster, eventually } from '@raftbus/testkit';

const MINUTE_MS = 60_000;

t.test('acquire, queue, renew and release through a follower and the leader; every node reads the same status', async (t) => {
  const c = new TestCluster(lockService);
  t.teardown(() => c.stop());
  await c.start();
  const viaFollower = new LockClient(await c.follower());
  const viaLeader = new LockClient(await c.leader());
  const a = await viaFollower.acquire('db', 'a', MINUTE_MS);
  t.match(a, { kind: 'granted', token: 1 });
  t.match(await viaLeader.acquire('db', 'b', MINUTE_MS, MINUTE_MS), { kind: 'queued', position: 1 });
  t.match(await viaLeader.acquire('db', 'c', MINUTE_MS), { kind: 'held', holder: 'a' });
  for (const n of c.nodes) {
    const s = await new LockClient(n).status('db');
    t.same([s.holder, s.token, s.waiters.map((w) => w.owner)], ['a', 1, ['b']], `${n.id} reads the same status`);
  }
  t.match(await viaFollower.renew('db', 'a', 1, MINUTE_MS), { kind: 'renewed', token: 1 });
  t.match(await viaFollower.release('db', 'a', 1), { kind: 'released', next: { owner: 'b', token: 2 } });
  t.same(await viaLeader.release('db', 'a', 1), { kind: 'rejected', reason: 'not-holder' }, 'the old holder is fenced off');
  t.equal((await new LockClient(c.nodes[2]!).status('db')).holder, 'b');
  await t.rejects(viaFollower.acquire('x'.repeat(300), 'a', 10), ApplyError, 'an over-long name fails on every node alike');
  await t.rejects(viaFollower.acquire('x'.repeat(300), 'a', 10), { message: /maxNameBytes/ });
});

t.test('a retried acquire in a client session applies once: same grant, no second token', async (t) => {
  const c = new TestCluster(lockService);
  t.teardown(() => c.stop());
  await c.start();
  const follower = await c.follower();
  const leader = await c.leader();
  const session = { clientId: 'worker-7', seq: 1 };
  const first = await new LockClient(follower).acquire('s', 'w7', MINUTE_MS, undefined, { session });
  const retry = await new LockClient(leader).acquire('s', 'w7', MINUTE_MS, undefined, { session });
  t.same(retry, first);
  t.equal((await new LockClient(leader).summary()).lastToken, 1);
});

t.test('leases expire by log time when no client writes: the ticker hands the lock to the waiter', async (t) => {
  const c = new TestCluster(lockService);
  await c.start();
  const tickers = c.nodes.map((n) => new LockTicker(n, { intervalMs: 20 }).start());
  t.teardown(async () => {
    tickers.forEach((x) => x.stop());
    await c.stop();
  });
  const locks = new LockClient(await c.follower());
  // 500 ms: long enough that y queues behind x even on a loaded machine, short enough to wait out.
  t.match(await locks.acquire('job', 'x', 500), { kind: 'granted', token: 1 });
  t.match(await locks.acquire('job', 'y', MINUTE_MS, MINUTE_MS), { kind: 'queued' });
  const handedOver = await eventually(async () => (await locks.status('job')).holder === 'y', 5_000);
  t.ok(handedOver, 'y holds the lock after x let its lease lapse');
  t.equal((await locks.status('job')).token, 2);
  t.ok(tickers.reduce((sum, x) => sum + x.ticksProposed, 0) >= 1, 'the leader proposed at least one tick');
});

t.test('the token counter survives a restart of the whole cluster (snapshots + log)', async (t) => {
  const c = new TestCluster(lockService, { snapshotEntries: 8 });
  t.teardown(() => c.stop());
  await c.start();
  let snapshots = 0;
  for (const n of c.nodes) n.on('snapshot', () => snapshots++);
  const locks = new LockClient(await c.leader());
  for (let k = 1; k <= 30; k++) {
    const r = await locks.acquire('r', `o${k}`, MINUTE_MS);
    if (r.kind !== 'granted') throw new Error(`round ${k}: ${r.kind}`);
    await locks.release('r', `o${k}`, r.token);
  }
  t.ok(snapshots > 0, `the nodes took snapshots (${snapshots})`);
  await locks.acquire('kept', 'k', MINUTE_MS);
  await c.stop();
  await c.start();
  const after = new LockClient(await c.leader());
  t.match(await after.acquire('r', 'new-owner', MINUTE_MS), { kind: 'granted', token: 32 }, 'no token is reused: fencing holds across restarts');
  t.match(await after.status('kept'), { holder: 'k', token: 31 }, 'held locks survive too');
});
