// The typed API and the follower modes against real RaftNodes (in-process, memory log and network;
// real client endpoints and sockets).
import t from 'tap';
import { counter } from '@raftbus/example-counter';
import { kvStore } from '@raftbus/example-kv-store';
import { lockService } from '@raftbus/example-lock-service';
import { ClientConfigError, RaftbusClient } from '../src/index.js';
import { inProcessCluster } from './helpers/in-process.js';

t.test('command() / query() typed by the definition; endpoint(def) for any state machine', async (t) => {
  const cluster = await inProcessCluster(3);
  t.teardown(() => cluster.stop());
  const client = new RaftbusClient({ nodes: cluster.addresses, definition: counter });
  t.teardown(() => client.close());
  t.equal(await client.command({ name: 'a', delta: 2.5 }), 2.5, 'result decoded with the result codec');
  t.equal(await client.query({ name: 'a' }), 2.5);
  t.equal(await client.endpoint(counter).propose({ name: 'a', delta: 1 }), 3.5);
  const untyped = new RaftbusClient({ nodes: cluster.addresses });
  t.teardown(() => untyped.close());
  await t.rejects(untyped.command({} as never), ClientConfigError, 'command() without a definition is a configuration error');
});

t.test('stale reads are served by whichever node the client reaches; linearizable ones see every acknowledged write', async (t) => {
  const cluster = await inProcessCluster(3);
  t.teardown(() => cluster.stop());
  const leader = await cluster.leaderIndex();
  const follower = (leader + 1) % 3;
  const client = new RaftbusClient({ nodes: cluster.addresses });
  t.teardown(() => client.close());
  const hits = client.counter();
  for (let i = 1; i <= 20; i++) {
    t.equal(await hits.get('h'), i - 1, `read ${i} sees the ${i - 1} acknowledged adds`);
    await hits.add('h');
  }
  const onFollower = new RaftbusClient({ nodes: [cluster.addresses[follower]!], timeoutMs: 2_000 });
  t.teardown(() => onFollower.close());
  await onFollower.counter().get('h', { consistency: 'stale' }); // connected (its hello answered too)
  const served = cluster.metrics[follower]!.answers.get('result') ?? 0;
  const stale = await onFollower.counter().get('h', { consistency: 'stale' });
  t.ok(stale >= 0 && stale <= 20, `a stale read from the follower (${stale})`);
  t.equal(cluster.metrics[follower]!.answers.get('result'), served + 1, 'answered by the follower itself');
  await t.rejects(onFollower.counter().add('h'), 'a client that can reach only a follower (redirect mode) cannot write: it is told where the leader is, and times out');
  t.ok((cluster.metrics[follower]!.answers.get('redirect') ?? 0) > 0, 'the follower redirected');
});

t.test("forward mode: a client that reaches only a follower gets everything done through it", async (t) => {
  const cluster = await inProcessCluster(3, { followerMode: 'forward' });
  t.teardown(() => cluster.stop());
  const leader = await cluster.leaderIndex();
  const follower = (leader + 1) % 3;
  const client = new RaftbusClient({ nodes: [cluster.addresses[follower]!] });
  t.teardown(() => client.close());
  const hits = client.counter();
  const values = await Promise.all(Array.from({ length: 50 }, () => hits.add('f')));
  t.same([...values].sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i + 1), 'fifty adds through the follower, each once');
  t.equal(await hits.get('f'), 50, 'a linearizable read through the follower');
  t.equal(cluster.metrics[follower]!.answers.get('redirect'), undefined, 'no redirects');
  t.equal(cluster.metrics[leader]!.requestsReceived, 0, 'the client never talked to the leader');
});

t.test('lock() and kv(): the examples\' typed clients over the client', async (t) => {
  const locks = await inProcessCluster(3, {}, lockService);
  t.teardown(() => locks.stop());
  const kvs = await inProcessCluster(3, {}, kvStore);
  t.teardown(() => kvs.stop());
  const a = new RaftbusClient({ nodes: locks.addresses });
  t.teardown(() => a.close());
  const lock = a.lock();
  const granted = await lock.acquire('db', 'alice', 10_000);
  t.equal(granted.kind, 'granted');
  const held = await lock.acquire('db', 'bob', 10_000);
  t.same(held.kind === 'held' && held.holder, 'alice', 'a second owner is told who holds it');
  t.equal((await lock.status('db')).kind, 'status');
  const k = new RaftbusClient({ nodes: kvs.addresses });
  t.teardown(() => k.close());
  const kv = k.kv();
  t.equal(await kv.put('key', new Uint8Array([1, 2])), null, 'a new key replaces nothing');
  t.same(await kv.get('key'), new Uint8Array([1, 2]));
  t.equal((await kv.cas('key', new Uint8Array([9]), new Uint8Array([3]))).kind, 'cas');
});
