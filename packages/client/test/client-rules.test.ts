// The client's batching, window and retry rules, against scripted fake nodes (no Raft involved).
import t, { type Test } from 'tap';
import { ApplyError, OutcomeUnknownError, OverloadedError, TimeoutError } from '@raftbus/core';
import type { ClientRequest } from '@raftbus/wire';
import { ClientClosedError, RaftbusClient } from '../src/index.js';
import { FakeNode, bytes, ok, waitFor } from './helpers/fake-node.js';

const CONNECT_TIMEOUT_MS = 5_000;

async function fakes(t: Test, ...nodes: FakeNode[]): Promise<FakeNode[]> {
  await Promise.all(nodes.map((n) => n.start()));
  t.teardown(() => Promise.all(nodes.map((n) => n.stop())));
  return nodes;
}

function clientOf(t: Test, nodes: readonly FakeNode[], options: Partial<ConstructorParameters<typeof RaftbusClient>[0]> = {}): RaftbusClient {
  const client = new RaftbusClient({ nodes: nodes.map((n) => n.address), ...options });
  t.teardown(() => client.close());
  return client;
}

/** Wait until every fake got the client's hello and the client read every answer: it knows who is who. */
async function connected(nodes: readonly FakeNode[], client: RaftbusClient): Promise<boolean> {
  const hellos = () => nodes.every((n) => n.frames.some((f) => f.some((r) => r.kind === 'registerSession')));
  return waitFor(() => hellos() && client.stats.framesReceived >= nodes.length, CONNECT_TIMEOUT_MS);
}

t.test('requests made in one event-loop turn leave as one frame, with increasing sequence numbers', async (t) => {
  const [a] = await fakes(t, new FakeNode('a', () => ok()));
  const client = clientOf(t, [a!]);
  await client.commandEncoded(bytes(0));
  const before = a!.frames.length;
  const results = await Promise.all(Array.from({ length: 200 }, (_, i) => client.commandEncoded(bytes(i & 0xff))));
  t.equal(results.length, 200, 'every request answered');
  const frames = a!.frames.slice(before);
  t.equal(frames.length, 1, '200 requests of one turn: one frame');
  const seqs = frames[0]!.map((r) => r.sequence);
  t.same(seqs, Array.from({ length: 200 }, (_, i) => i + 2), 'sequence numbers continue from the first command');
  t.equal(new Set(frames[0]!.map((r) => r.requestId)).size, 200, 'each request has its own request id');
  t.ok(frames[0]!.every((r) => r.clientId === client.clientId), 'all under the client session');
  t.equal(client.stats.retries, 0);
});

t.test('a request with nothing else in flight leaves once the caller yields; others wait for the turn to batch', async (t) => {
  const held: ClientRequest[] = [];
  const [a] = await fakes(
    t,
    new FakeNode('a', (r) => {
      if (r.kind === 'command' && r.payload[0] === 7) {
        held.push(r);
        return undefined;
      }
      return ok();
    }),
  );
  const client = clientOf(t, [a!]);
  await client.commandEncoded(bytes(0));

  // Alone: the frame goes before the event loop's next check phase (observed by an immediate set first).
  let sentByNextCheck = -1;
  const before = client.stats.framesSent;
  setImmediate(() => (sentByNextCheck = client.stats.framesSent));
  const held7 = client.commandEncoded(bytes(7)).catch((e: unknown) => e);
  t.ok(await waitFor(() => held.length === 1, CONNECT_TIMEOUT_MS), 'the held command arrived');
  t.equal(sentByNextCheck, before + 1, 'sent before the next check phase');

  // Not alone (the held command is in flight): requests of one turn, made in separate microtasks, still
  // leave together as one frame.
  const framesBefore = a!.frames.length;
  const two = (async () => {
    const first = client.commandEncoded(bytes(1));
    await Promise.resolve();
    await Promise.resolve();
    const second = client.commandEncoded(bytes(2));
    return Promise.all([first, second]);
  })();
  await two;
  t.same(a!.frames.slice(framesBefore).map((f) => f.length), [2], 'one frame of two requests');
  await client.close();
  t.type(await held7, ClientClosedError, 'the held command ends with the client');
});

t.test('commands never run further ahead of the oldest unanswered one than the session window', async (t) => {
  let release = false;
  const held: ClientRequest[] = [];
  const [a] = await fakes(
    t,
    new FakeNode('a', (r) => {
      // Hold the oldest command back until released; answer the rest.
      if (r.sequence === 1 && !release) {
        held.push(r);
        return undefined;
      }
      return ok();
    }),
  );
  const client = clientOf(t, [a!], { sessionWindow: 8, attemptTimeoutMs: 300 });
  const all = Promise.all(Array.from({ length: 30 }, () => client.commandEncoded(bytes(1))));
  t.ok(await waitFor(() => a!.requests.length >= 8, CONNECT_TIMEOUT_MS), 'the window fills');
  await new Promise((r) => setTimeout(r, 100));
  t.equal(Math.max(...a!.requests.map((r) => r.sequence)), 8, 'with sequence 1 unanswered, nothing above 8 is sent');
  release = true;
  await all;
  const worst = Math.max(...a!.requests.map((r) => r.sequence - r.ackedBelow));
  t.ok(worst < 8, `every command carried ackedBelow within the window (largest gap ${worst})`);
  t.ok(a!.requests.filter((r) => r.sequence === 1).length >= 2, 'the held command was retried after its attempt timed out');
});

t.test('a command whose outcome is unknown is re-sent with the same client id and sequence, and resolves once', async (t) => {
  const seen = new Map<number, number>();
  const [a] = await fakes(
    t,
    new FakeNode('a', (r) => {
      const n = (seen.get(r.sequence) ?? 0) + 1;
      seen.set(r.sequence, n);
      return n === 1 ? { kind: 'error', code: 'outcomeUnknown', message: 'leader changed' } : ok(bytes(42));
    }),
  );
  const client = clientOf(t, [a!]);
  t.same(await client.commandEncoded(bytes(9)), bytes(42));
  const attempts = a!.requests;
  t.equal(attempts.length, 2, 'sent twice');
  t.equal(attempts[0]!.sequence, attempts[1]!.sequence, 'same sequence number');
  t.equal(attempts[0]!.clientId, attempts[1]!.clientId, 'same client id');
  t.not(attempts[0]!.requestId, attempts[1]!.requestId, 'a new request id per attempt (late answers to the old one are ignored)');
  t.same(attempts[1]!.payload, bytes(9), 'same command');
});

t.test('a follower redirect is followed to the named leader, which then gets the traffic directly', async (t) => {
  const [a, b] = await fakes(
    t,
    new FakeNode('a', () => ({ kind: 'redirect', leaderId: 'b', leaderAddress: '' })),
    new FakeNode('b', (_r, node) => {
      node.leaderId = 'b';
      return ok();
    }),
  );
  a!.leaderId = '';
  b!.leaderId = ''; // neither names a leader in its hello: the client must ask
  const client = clientOf(t, [a!, b!]);
  t.ok(await connected([a!, b!], client), 'both connections up');
  await client.commandEncoded(bytes(1));
  t.equal(a!.requests.length, 1, 'the first attempt went to the first node');
  t.equal(b!.requests.length, 1, 'and was redirected to b');
  t.equal(a!.requests[0]!.sequence, b!.requests[0]!.sequence, 'with the same sequence number');
  t.equal(client.leader, 'b');
  await Promise.all(Array.from({ length: 10 }, () => client.commandEncoded(bytes(2))));
  t.equal(a!.requests.length, 1, 'later commands go straight to the leader');
  t.equal(b!.requests.length, 11);
  t.equal(client.stats.redirects, 1);
});

t.test('an attempt that goes unanswered is re-sent to another node with the same sequence', async (t) => {
  const [a, b] = await fakes(t, new FakeNode('a', () => undefined), new FakeNode('b', () => ok(bytes(5))));
  a!.leaderId = '';
  b!.leaderId = '';
  const client = clientOf(t, [a!, b!], { attemptTimeoutMs: 150 });
  t.ok(await connected([a!, b!], client));
  const started = Date.now();
  t.same(await client.commandEncoded(bytes(1)), bytes(5));
  t.ok(Date.now() - started >= 140, 'after the attempt timeout');
  t.equal(a!.requests[0]!.sequence, b!.requests[0]!.sequence, 'same sequence on the second node');
  t.equal(client.stats.attemptTimeouts, 1);
});

t.test('a dropped connection re-sends its requests elsewhere at once, not after the attempt timeout', async (t) => {
  const a = await new FakeNode('a', () => undefined).start();
  const [b] = await fakes(t, new FakeNode('b', () => ok()));
  a.leaderId = 'a';
  b!.leaderId = 'a'; // b is a follower that still believes in a
  const client = clientOf(t, [a, b!], { attemptTimeoutMs: 10_000 });
  t.ok(await connected([a, b!], client));
  const pending = Promise.all(Array.from({ length: 5 }, () => client.commandEncoded(bytes(1))));
  t.ok(await waitFor(() => a.requests.length === 5, CONNECT_TIMEOUT_MS), 'all five went to the leader a');
  const killed = Date.now();
  await a.stop();
  await pending;
  t.ok(Date.now() - killed < 3_000, `answered by b ${Date.now() - killed} ms after a went away`);
  t.same(b!.requests.map((r) => r.sequence).sort(), a.requests.map((r) => r.sequence).sort(), 'the same sequence numbers');
  t.ok(client.stats.disconnects >= 1);
});

t.test('at the deadline: a sent command is OutcomeUnknownError, a query TimeoutError, nothing reachable TimeoutError', async (t) => {
  const [a] = await fakes(t, new FakeNode('a', () => undefined));
  const client = clientOf(t, [a!], { timeoutMs: 300, attemptTimeoutMs: 100 });
  await t.rejects(client.commandEncoded(bytes(1)), OutcomeUnknownError);
  await t.rejects(client.queryEncoded(bytes(1)), TimeoutError);
  t.ok(a!.requests.filter((r) => r.kind === 'command').length >= 2, 'the command was retried until the deadline');
  const nowhere = clientOf(t, [{ address: 'tcp://127.0.0.1:9' } as unknown as FakeNode], { timeoutMs: 300 });
  const err = await nowhere.commandEncoded(bytes(1)).catch((e: unknown) => e);
  t.type(err, TimeoutError, 'never sent: a plain timeout, safe to retry');
});

t.test('answers a retry would repeat are final: ApplyError after one attempt', async (t) => {
  const [a] = await fakes(t, new FakeNode('a', () => ({ kind: 'error', code: 'applyFailed', message: 'delta must be finite' })));
  const client = clientOf(t, [a!]);
  await t.rejects(client.commandEncoded(bytes(1)), ApplyError);
  t.equal(a!.requests.length, 1, 'not retried');
});

t.test('bounded: beyond maxInFlight requests wait, beyond maxQueued they fail at once', async (t) => {
  const [a] = await fakes(t, new FakeNode('a', () => undefined));
  const client = clientOf(t, [a!], { maxInFlight: 2, maxQueued: 3, attemptTimeoutMs: 60_000, timeoutMs: 60_000 });
  const pending = Array.from({ length: 5 }, () => client.commandEncoded(bytes(1)).catch((e: unknown) => e));
  await t.rejects(client.commandEncoded(bytes(1)), OverloadedError, 'the sixth: 2 in flight + 3 queued is the bound');
  t.ok(await waitFor(() => a!.requests.length === 2, CONNECT_TIMEOUT_MS), 'only maxInFlight were sent');
  await client.close();
  const outcomes = await Promise.all(pending);
  t.ok(outcomes.every((e) => e instanceof ClientClosedError), 'close() fails every pending request with ClientClosedError');
  await t.rejects(client.commandEncoded(bytes(1)), ClientClosedError, 'and every later one');
});

t.test('a node sending garbage is counted and ignored; its connection keeps working', async (t) => {
  const { Router } = await import('zeromq');
  const { encodeClientFrame, decodeClientFrame } = await import('@raftbus/wire');
  const router = new Router({ linger: 0 });
  await router.bind('tcp://127.0.0.1:*');
  t.teardown(() => router.close());
  const client = clientOf(t, [{ address: router.lastEndpoint! } as unknown as FakeNode]);
  const answered = client.commandEncoded(bytes(3));
  (async () => {
    for (;;) {
      const [rid, payload] = await router.receive().catch(() => [] as Buffer[]);
      if (!rid) return;
      const frame = decodeClientFrame(payload!);
      if (frame.kind !== 'requests') continue;
      await router.send([rid, Buffer.from([0xff, 0xff, 0xff])]); // not protobuf
      await router.send([rid, Buffer.alloc(0), Buffer.from('two parts')]);
      const responses = frame.requests.map((r) => ({ requestId: r.requestId, outcome: ok(bytes(8)) }));
      await router.send([rid, encodeClientFrame({ kind: 'responses', responses, nodeId: 'g', leaderId: 'g' })]);
    }
  })();
  t.same(await answered, bytes(8));
  t.ok(client.stats.badFrames >= 2, `bad frames counted (${client.stats.badFrames})`);
});
