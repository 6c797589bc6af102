import t, { type Test } from 'tap';
import { OutcomeUnknownError, OverloadedError, ProposalDroppedError, StoppedError, TimeoutError, ApplyError } from '../src/errors.js';
import { NodeCluster, kv } from './helpers/nodes.js';
import { RaftNode } from '../src/node/raft-node.js';
import { MemoryLogStore } from '../src/storage/memory-log-store.js';
import { EntryType, MessageType, type Message } from '../src/protocol/types.js';
import type { LogWrite } from '../src/storage/log-store.js';
import type { MessageHandler, Transport } from '../src/transport/transport.js';

const ids = ['n1', 'n2', 'n3'];

t.test('propose on the leader and on a follower; every node reads its writes linearizably', async (t) => {
  const c = new NodeCluster(ids);
  t.teardown(() => c.stopAll());
  await c.startAll();
  const leader = await c.leader();
  const follower = c.followers()[0]!;
  t.equal(await leader.propose({ op: 'put', key: 'a', value: '1' }), null, 'put on the leader returns the previous value');
  t.equal(await follower.propose({ op: 'put', key: 'a', value: '2' }), '1', 'put forwarded by a follower returns its result there');
  for (const n of c.nodes.values()) t.equal(await n.read({ key: 'a' }), '2', `${n.id} reads the latest write`);
  await t.rejects(leader.propose({ op: 'fail' }), ApplyError, 'a command the state machine refuses fails on every node alike');
  t.equal(await follower.read({ key: 'a' }, { consistency: 'stale' }) !== undefined, true, 'stale reads are served locally');
});

t.test('a client session applies a retried command once and returns the first result, even with duplicated messages', async (t) => {
  const c = new NodeCluster(ids);
  t.teardown(() => c.stopAll());
  await c.startAll();
  for (const tr of c.transports.values()) tr.duplicate = true;
  const leader = await c.leader();
  const follower = c.followers()[0]!;
  const session = { clientId: 'client-1', seq: 1 };
  const first = await follower.propose({ op: 'append', key: 'k', value: 'x' }, { session });
  const retry = await leader.propose({ op: 'append', key: 'k', value: 'x' }, { session });
  const again = await follower.propose({ op: 'append', key: 'k', value: 'x' }, { session });
  t.equal(first, 'x');
  t.equal(retry, 'x', 'the retry on another node gets the first result');
  t.equal(again, 'x');
  t.equal(await leader.read({ key: 'k' }), 'x', 'applied exactly once');
  t.equal(await leader.propose({ op: 'append', key: 'k', value: 'y' }, { session: { clientId: 'client-1', seq: 2, ackedBelow: 2 } }), 'xy', 'the next sequence applies');
  await t.rejects(leader.propose({ op: 'append', key: 'k', value: 'z' }, { session: { clientId: 'client-1', seq: 1 } }), ApplyError, 'a sequence the client acknowledged is refused');
  t.equal(await leader.read({ key: 'k' }), 'xy');
});

t.test('proposeEncoded answers with the bytes of the result codec, with and without a session, and a retry gets equal bytes', async (t) => {
  const c = new NodeCluster(ids);
  t.teardown(() => c.stopAll());
  await c.startAll();
  const leader = await c.leader();
  const follower = c.followers()[0]!;
  const put = (value: string) => kv.commandCodec.encode({ op: 'put', key: 'e', value });
  t.same(kv.resultCodec.decode(await leader.proposeEncoded(put('1'))), null, 'no session: the encoded previous value (none)');
  const session = { clientId: 'encoded-client', seq: 1 };
  const first = await leader.proposeEncoded(put('2'), { session });
  t.same(kv.resultCodec.decode(first), '1', 'with a session: the encoded previous value');
  const retry = await follower.proposeEncoded(put('2'), { session });
  t.same(Buffer.from(retry), Buffer.from(first), 'a retry through another node answers the same bytes');
  t.same(kv.resultCodec.decode(await follower.proposeEncoded(put('3'), { session: { clientId: 'encoded-client', seq: 2, ackedBelow: 2 } })), '2', 'forwarded, the next sequence applies');
  await t.rejects(leader.proposeEncoded(kv.commandCodec.encode({ op: 'fail' }), { session: { clientId: 'encoded-client', seq: 3 } }), ApplyError, 'a refused command rejects');
  await c.stopAll();
  await t.rejects(leader.proposeEncoded(put('4')), StoppedError, 'a stopped node rejects at once');
});

/** An EncodedAnswer that records its calls, for proposeEncodedTo. */
function recordingAnswer() {
  const calls: { result?: Uint8Array; error?: Error }[] = [];
  let settled: () => void = () => {};
  const done = new Promise<void>((resolve) => (settled = resolve));
  return {
    calls,
    done,
    answer: {
      resolve: (result: Uint8Array) => (calls.push({ result }), settled()),
      reject: (error: Error) => (calls.push({ error }), settled()),
    },
  };
}

t.test('proposeEncodedTo answers its object once, as proposeEncoded would: result, refusal, overload, stop', async (t) => {
  const c = new NodeCluster(ids, { maxPendingProposals: 3 });
  t.teardown(() => c.stopAll());
  await c.startAll();
  const leader = await c.leader();
  const put = (value: string) => kv.commandCodec.encode({ op: 'put', key: 'cb', value });
  const session = { clientId: 'callback-client', seq: 1 };
  const first = recordingAnswer();
  leader.proposeEncodedTo(put('1'), { session }, first.answer);
  t.equal(first.calls.length, 0, 'not answered before it applies');
  await first.done;
  t.same(first.calls.map((x) => kv.resultCodec.decode(x.result!)), [null], 'one call: the encoded result');
  const retry = recordingAnswer();
  c.followers()[0]!.proposeEncodedTo(put('1'), { session }, retry.answer);
  await retry.done;
  t.same(Buffer.from(retry.calls[0]!.result!), Buffer.from(first.calls[0]!.result!), "a retry through a follower: the first answer's bytes");
  const refused = recordingAnswer();
  leader.proposeEncodedTo(kv.commandCodec.encode({ op: 'fail' }), {}, refused.answer);
  await refused.done;
  t.type(refused.calls[0]!.error, ApplyError);
  const burst = Array.from({ length: 4 }, () => recordingAnswer());
  burst.forEach((b, k) => leader.proposeEncodedTo(put(`b${k}`), {}, b.answer));
  t.type(burst[3]!.calls[0]?.error, OverloadedError, 'beyond maxPendingProposals: rejected at once, synchronously');
  await Promise.all(burst.slice(0, 3).map((b) => b.done));
  t.ok(burst.slice(0, 3).every((b) => b.calls.length === 1 && b.calls[0]!.result), 'the three within the bound apply');
  await c.stopAll();
  const late = recordingAnswer();
  leader.proposeEncodedTo(put('late'), {}, late.answer);
  t.type(late.calls[0]?.error, StoppedError, 'a stopped node rejects at once');
  t.equal(first.calls.length + retry.calls.length + refused.calls.length + late.calls.length, 4, 'every answer called exactly once');
});

t.test('a pipelining client: many sequence numbers in flight in any order, all retried, each applies once', async (t) => {
  const c = new NodeCluster(ids);
  t.teardown(() => c.stopAll());
  await c.startAll();
  await c.leader();
  const nodes = [...c.nodes.values()];
  const seqs = Array.from({ length: 60 }, (_, k) => k + 1).sort((a, b) => ((a * 37) % 61) - ((b * 37) % 61));
  const send = (seq: number, via: number) => nodes[via % 3]!.propose({ op: 'append', key: 'p', value: `${seq},` }, { session: { clientId: 'pipeliner', seq } });
  const first = await Promise.all(seqs.map((seq, k) => send(seq, k)));
  const retried = await Promise.all(seqs.map((seq, k) => send(seq, k + 1)));
  t.same(retried, first, 'every retry returns the first result');
  const applied = ((await nodes[0]!.read({ key: 'p' })) ?? '').split(',').filter(Boolean);
  t.equal(applied.length, 60, 'each command applied once');
  t.equal(new Set(applied).size, 60);
});

t.test('a leader stopped during a stream of proposals leaves every caller with a result or a typed error, never a silent loss', async (t) => {
  const c = new NodeCluster(ids, { proposalTimeoutMs: 2000 });
  t.teardown(() => c.stopAll());
  await c.startAll();
  const leader = await c.leader();
  const outcomes: Array<Promise<{ value: string; ok: boolean; err?: Error }>> = [];
  for (let k = 0; k < 200; k++) {
    const node = k % 2 === 0 ? leader : c.followers()[0]!;
    const value = `v${k},`;
    outcomes.push(
      node.propose({ op: 'append', key: 'log', value }).then(
        () => ({ value, ok: true }),
        (err: Error) => ({ value, ok: false, err }),
      ),
    );
    if (k === 100) void c.stop(leader.id);
    if (k % 10 === 0) await new Promise((r) => setImmediate(r));
  }
  const settled = await Promise.all(outcomes);
  const errors = settled.filter((o) => !o.ok).map((o) => o.err!);
  t.ok(errors.every((e) => e instanceof OutcomeUnknownError || e instanceof StoppedError || e instanceof TimeoutError || e instanceof ProposalDroppedError), 'only typed errors');
  const newLeader = await c.leader();
  const final = (await newLeader.read({ key: 'log' })) ?? '';
  const applied = new Set(final.split(',').filter(Boolean).map((v) => v + ','));
  for (const o of settled) {
    if (o.ok) t.ok(applied.has(o.value), `acknowledged ${o.value} is in the final state`);
    // These errors promise the command never took effect: checking that keeps them honest.
    else if (o.err instanceof StoppedError || o.err instanceof ProposalDroppedError || o.err instanceof TimeoutError) {
      t.notOk(applied.has(o.value), `${o.value} failed with ${o.err.name} and is not applied`);
    }
  }
  t.ok(settled.filter((o) => o.ok).length > 0, 'some proposals succeeded');
  t.equal(final.split(',').filter(Boolean).length, applied.size, 'no command applied twice');
});

t.test('snapshots: the log is compacted, a restarted node recovers from snapshot + tail, a lagging node catches up', async (t) => {
  const c = new NodeCluster(ids, { snapshotEntries: 20 });
  t.teardown(() => c.stopAll());
  await c.startAll();
  const leader = await c.leader();
  const lagger = c.followers()[0]!.id;
  await c.stop(lagger);
  for (let k = 0; k < 60; k++) await leader.propose({ op: 'put', key: `k${k % 7}`, value: `${k}` });
  t.ok(leader.status().snapshotIndex >= 20, `leader snapshotted at ${leader.status().snapshotIndex}`);
  t.ok(c.storages.get(leader.id)!.firstIndex > 1, 'and compacted its stored log');
  const restarted = await c.start(lagger);
  const until = Date.now() + 5000;
  while (restarted.status().applied < leader.status().commit && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  t.equal(await restarted.read({ key: 'k3' }, { consistency: 'stale' }), '59', 'the lagging node caught up through a snapshot');
  t.ok(restarted.status().snapshotIndex >= 20, 'it installed the leader snapshot');
  await c.stop(leader.id);
  const again = await c.start(leader.id);
  await c.leader();
  t.equal(await again.read({ key: 'k3' }), '59', 'a node restarted from snapshot + log tail has the same state');
});

t.test('snapshots: each voter shifts its schedule by its rank, so replicas do not serialize at the same index', async (t) => {
  const interval = 30;
  const c = new NodeCluster(['n1', 'n2', 'n3'], { snapshotEntries: interval });
  t.teardown(() => c.stopAll());
  await c.startAll();
  const leader = await c.leader();
  for (let k = 0; k < 100; k++) await leader.propose({ op: 'put', key: `k${k % 5}`, value: `${k}` });
  const commit = leader.status().commit;
  const deadline = Date.now() + 5000;
  const nodes = ['n1', 'n2', 'n3'].map((id) => c.node(id));
  while (nodes.some((n) => n.status().applied < commit) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  // Snapshots are written in the background: wait for the latest to land.
  await new Promise((r) => setTimeout(r, 50));
  const indexes = nodes.map((n) => n.status().snapshotIndex);
  t.equal(new Set(indexes).size, 3, `three different snapshot indexes: ${indexes.join(', ')}`);
  nodes.forEach((n, rank) => {
    const shift = (rank * interval) / 3;
    const phase = indexes[rank]! % interval;
    // A follower may apply two entries in one step (it learns a commit with the next append), hence the slack.
    t.ok(phase >= shift && phase < shift + 5, `${n.id} (rank ${rank}) snapshotted at ${indexes[rank]}: ${phase} past a multiple of ${interval}, shift ${shift}`);
  });
});

t.test('bounds: beyond maxPendingProposals, propose rejects at once with OverloadedError', async (t) => {
  const c = new NodeCluster(['n1', 'n2', 'n3'], { maxPendingProposals: 5, proposalTimeoutMs: 200 });
  t.teardown(() => c.stopAll());
  await c.start('n1'); // alone: no leader, so proposals queue
  const n1 = c.node('n1');
  const queued = Array.from({ length: 5 }, (_, k) => n1.propose({ op: 'put', key: 'x', value: `${k}` }).catch((e: Error) => e));
  await t.rejects(n1.propose({ op: 'put', key: 'x', value: 'over' }), OverloadedError);
  const errs = await Promise.all(queued);
  t.ok(errs.every((e) => e instanceof TimeoutError), 'queued proposals time out (never sent: safe to retry)');
  await c.stopAll();
  await t.rejects(n1.propose({ op: 'put', key: 'x', value: 'late' }), StoppedError, 'a stopped node refuses work');
});

t.test('bounds: while one proposal waits, the request ids since it are bounded too (16 per pending slot)', async (t) => {
  const c = new NodeCluster(['n1', 'n2', 'n3'], { maxPendingProposals: 2 });
  t.teardown(() => c.stopAll());
  await c.start('n1'); // alone: proposals wait for a leader until their deadline
  const n1 = c.node('n1');
  const stuck = n1.propose({ op: 'put', key: 'x', value: 'stuck' }, { timeoutMs: 60_000 }).catch((e: Error) => e);
  // Each short-lived proposal takes the next id and expires; the ids between stay spanned by `stuck`.
  let refused: unknown;
  for (let k = 0; k < 40 && refused === undefined; k++) {
    const outcome = await n1.propose({ op: 'put', key: 'y', value: `${k}` }, { timeoutMs: 1 }).catch((e: Error) => e);
    if (outcome instanceof OverloadedError) refused = outcome;
    else t.type(outcome, TimeoutError);
  }
  t.type(refused, OverloadedError, 'a span wider than 32 ids is refused at once');
  t.match((refused as Error).message, /since the oldest unanswered proposal \(limit 32\)/);
  t.equal(n1.status().pendingProposals, 1, 'the refused proposal holds nothing');
  await c.stopAll();
  t.type(await stuck, StoppedError, 'the waiting proposal is answered at stop (it was never sent)');
});

t.test('without a session, a proposal forwarded over a duplicating network still applies once', async (t) => {
  // Found by the whole-node simulator (counter workload, seed 1): the leader appended both copies of a
  // duplicated Propose message, and the command applied twice.
  const c = new NodeCluster(ids);
  t.teardown(() => c.stopAll());
  await c.startAll();
  for (const tr of c.transports.values()) tr.duplicate = true;
  await c.leader();
  const follower = c.followers()[0]!;
  const results = await Promise.all(Array.from({ length: 50 }, (_, k) => follower.propose({ op: 'append', key: 'd', value: `${k},` })));
  t.equal(results.length, 50);
  const applied = ((await follower.read({ key: 'd' })) ?? '').split(',').filter(Boolean);
  t.equal(applied.length, 50, 'each command applied once');
  t.equal(new Set(applied).size, 50);
});

t.test("a peer's message is acted on in the turn it arrives: a follower starts writing an append before the event loop comes round", async (t) => {
  let deliver: MessageHandler | undefined;
  const sent: Message[] = [];
  const transport: Transport = {
    start: async (_self, onMessage) => {
      deliver = onMessage;
    },
    send: (messages) => void sent.push(...messages),
    stop: async () => {},
  };
  const store = new MemoryLogStore();
  const writes: LogWrite[] = [];
  const write = store.write.bind(store);
  store.write = (w: LogWrite) => {
    writes.push(w);
    return write(w);
  };
  // Ticks far apart: no election timer fires during the test.
  const node = new RaftNode({ id: 'n2', peers: ['n1', 'n2', 'n3'], logStore: store, transport, stateMachine: kv, tickMs: 60_000 });
  t.teardown(() => node.stop());
  await node.start();
  await new Promise((resolve) => setImmediate(resolve)); // the start-up turn
  const before = writes.length;
  const append = (index: number, logTerm: number): Message => ({
    type: MessageType.Append,
    from: 'n1',
    to: 'n2',
    term: 1,
    logTerm,
    index: index - 1,
    commit: 0,
    entries: [{ index, term: 1, type: EntryType.Normal, data: new Uint8Array(0) }],
    reject: false,
    rejectHint: 0,
  });
  deliver!(append(1, 0));
  t.equal(writes.length, before + 1, 'the write of the append started inside the delivery');
  t.same(writes.at(-1)!.entries.map((e) => e.index), [1]);
  // A second append while that write is on disk waits for it, and then goes out as the next write.
  deliver!(append(2, 1));
  t.equal(writes.length, before + 1, 'one write at a time');
  await new Promise((resolve) => setTimeout(resolve, 20));
  t.same(writes.slice(before).map((w) => w.entries.map((e) => e.index)), [[1], [2]], 'then the second append is written');
  t.ok(sent.some((m) => m.type === MessageType.AppendResponse && m.index === 2 && !m.reject), 'and both are acknowledged');
});

/**
 * A 3-node cluster whose leader has committed `key` = `value`, with every message the leader sends shown
 * to `observe`. Ticks are 20 ms (5 elsewhere), so a tick's turn rarely meets a timed attempt.
 */
async function observedLeader(t: Test, key: string, value: string, observe: (m: Message) => void) {
  const c = new NodeCluster(ids, { tickMs: 20 });
  t.teardown(() => c.stopAll());
  await c.startAll();
  const leader = await c.leader();
  await leader.propose({ op: 'put', key, value });
  const transport = c.transports.get(leader.id)!;
  const send = transport.send.bind(transport);
  transport.send = (ms) => {
    for (const m of ms) observe(m);
    send(ms);
  };
  return { c, leader, transport };
}

t.test('a proposal to an idle leader goes out once its caller yields; while others are pending, proposals batch by turn', async (t) => {
  const appends: Message[] = [];
  const { c, leader, transport } = await observedLeader(t, 'warm', 'up', (m) => {
    if (m.type === MessageType.Append && m.entries.length > 0) appends.push(m);
  });

  // Idle: the append leaves within the microtasks after the proposal, before any timer or immediate can
  // run. (A tick may have scheduled a turn just before; then the proposal rides with that turn instead,
  // so a rare attempt may miss. With proposals always batched by turn, none would pass.)
  let outAtOnce = 0;
  for (let k = 0; k < 5; k++) {
    await new Promise((resolve) => setImmediate(resolve));
    const before = appends.length;
    const proposed = leader.propose({ op: 'put', key: 'a', value: String(k) });
    await Promise.resolve();
    if (appends.length > before) outAtOnce++;
    await proposed;
  }
  t.ok(outAtOnce >= 4, `the idle leader's append left at once (${outAtOnce} of 5 times)`);

  // Not idle: with a proposal pending (its appends are dropped), two proposals made in separate
  // microtasks of one turn go out together.
  for (const f of c.followers()) transport.dropTo.add(f.id);
  const held = leader.propose({ op: 'put', key: 'held', value: '1' });
  await new Promise((resolve) => setImmediate(resolve));
  const afterHeld = appends.length;
  t.ok(afterHeld > 0 && appends.at(-1)!.entries.length === 1, 'the held proposal went out alone');
  const first = leader.propose({ op: 'put', key: 'b', value: '1' });
  await Promise.resolve();
  await Promise.resolve();
  const second = leader.propose({ op: 'put', key: 'c', value: '1' });
  await new Promise((resolve) => setImmediate(resolve));
  const batched = appends.slice(afterHeld);
  t.ok(batched.length > 0, 'the two proposals went out');
  t.same(batched.map((m) => m.entries.length), batched.map(() => 2), 'both in every append that carries them');
  transport.dropTo.clear();
  t.same(await Promise.all([held, first, second]), [null, null, null], 'and all three commit once the followers hear');
});

t.test("a lone linearizable read starts its ReadIndex round once its caller yields; reads made while one waits share a round", async (t) => {
  let rounds = 0;
  const roundNumbers: number[] = [];
  const { c, leader, transport } = await observedLeader(t, 'k', 'v', (m) => {
    // A heartbeat that carries a ReadIndex round number (index > 0) asks the followers to confirm one.
    if (m.type !== MessageType.Heartbeat || m.index === 0) return;
    rounds++;
    roundNumbers.push(m.index);
  });
  t.equal(await leader.read({ key: 'k' }), 'v');
  // As with proposals, a tick may have scheduled a turn just before a read; then the read rides with it.
  let atOnce = 0;
  for (let k = 0; k < 5; k++) {
    await new Promise((resolve) => setImmediate(resolve));
    const before = rounds;
    const read = leader.read({ key: 'k' });
    await Promise.resolve();
    if (rounds > before) atOnce++;
    t.equal(await read, 'v');
  }
  t.ok(atOnce >= 4, `the round started at once (${atOnce} of 5 times)`);

  // Not alone: while a read waits (the followers do not hear the leader), two reads made in separate
  // microtasks of one turn start one round between them.
  for (const f of c.followers()) transport.dropTo.add(f.id);
  const held = leader.read({ key: 'k' });
  await new Promise((resolve) => setImmediate(resolve));
  const heldRound = roundNumbers.at(-1)!;
  const first = leader.read({ key: 'k' });
  await Promise.resolve();
  await Promise.resolve();
  const second = leader.read({ key: 'k' });
  await new Promise((resolve) => setImmediate(resolve));
  const started = new Set(roundNumbers.filter((r) => r > heldRound));
  t.equal(started.size, 1, 'one round for both');
  transport.dropTo.clear();
  t.same(await Promise.all([held, first, second]), ['v', 'v', 'v'], 'all three are served once the followers hear');
});
