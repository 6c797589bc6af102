// The node side of @raftbus/client: batching of replies, follower redirects, error mapping, bounds and
// bad input, against a scripted node (the Raft side is covered by the client's end-to-end tests).
import t, { type Test } from 'tap';
import { Dealer } from 'zeromq';
import { ApplyError, NotLeaderError, OutcomeUnknownError, OverloadedError, ProposalDroppedError, StoppedError, TimeoutError, type EncodedAnswer, type ProposeOptions, type ReadOptions } from '@raftbus/core';
import { decodeClientFrame, encodeClientFrame, type ClientFrame, type ClientRequest, type ClientResponse } from '@raftbus/wire';
import { ClientEndpoint, CountingClientEndpointMetrics, silentLogger, type ClientEndpointNode, type ClientEndpointOptions } from '../src/index.js';
import { sleep, waitUntil } from './helpers.js';

const ANSWER_TIMEOUT_MS = 5_000;

/** A node whose answers the test scripts; records what the endpoint asked of it. */
class ScriptedNode implements ClientEndpointNode {
  id = 'n1';
  leader = 'n1';
  isLeader = true;
  readonly proposals: { command: Uint8Array; options: ProposeOptions | undefined }[] = [];
  readonly reads: { query: Uint8Array; options: ReadOptions | undefined }[] = [];
  /** Default: echo the payload back. */
  onPropose: (command: Uint8Array) => Promise<Uint8Array> = async (c) => c;
  onRead: (query: Uint8Array) => Promise<Uint8Array> = async (q) => q;

  proposeEncodedTo(command: Uint8Array, options: ProposeOptions, answer: EncodedAnswer): void {
    this.proposals.push({ command, options });
    this.onPropose(command).then(
      (result) => answer.resolve(result),
      (err: unknown) => answer.reject(err as Error),
    );
  }
  readEncoded(query: Uint8Array, options?: ReadOptions): Promise<Uint8Array> {
    this.reads.push({ query, options });
    return this.onRead(query);
  }
}

async function endpointOf(t: Test, node: ClientEndpointNode, options: Partial<ClientEndpointOptions> = {}) {
  const metrics = new CountingClientEndpointMetrics();
  const endpoint = new ClientEndpoint(node, { bind: 'tcp://127.0.0.1:*', metrics, logger: silentLogger, ...options });
  await endpoint.start();
  t.teardown(() => endpoint.stop());
  return { endpoint, metrics };
}

/** A raw DEALER that collects every reply frame. */
async function rawClient(t: Test, address: string) {
  const dealer = new Dealer({ linger: 0 });
  dealer.connect(address);
  const frames: Extract<ClientFrame, { kind: 'responses' }>[] = [];
  const loop = (async () => {
    for (;;) {
      const parts = await dealer.receive().catch(() => undefined);
      if (!parts) return;
      const frame = decodeClientFrame(parts[0]!);
      if (frame.kind === 'responses') frames.push(frame);
    }
  })();
  t.teardown(async () => {
    dealer.close();
    await loop;
  });
  const answers = () => frames.flatMap((f) => f.responses);
  return {
    dealer,
    frames,
    answers,
    send: (requests: ClientRequest[]) => dealer.send(encodeClientFrame({ kind: 'requests', requests })),
    async waitAnswers(n: number): Promise<ClientResponse[]> {
      t.ok(await waitUntil(() => answers().length >= n, ANSWER_TIMEOUT_MS), `${n} answers arrived`);
      return answers();
    },
  };
}

const command = (seq: number, payload = [seq & 0xff], ackedBelow = 0): ClientRequest => ({
  clientId: 'c1',
  sequence: seq,
  requestId: 1000 + seq,
  kind: 'command',
  payload: new Uint8Array(payload),
  staleReadOk: false,
  ackedBelow,
});
const query = (requestId: number, staleReadOk = false): ClientRequest => ({
  clientId: 'c1',
  sequence: 0,
  requestId,
  kind: 'query',
  payload: new Uint8Array([9]),
  staleReadOk,
  ackedBelow: 0,
});

t.test('answers completed together leave as one frame naming the node and its leader', async (t) => {
  const node = new ScriptedNode();
  const { endpoint, metrics } = await endpointOf(t, node);
  const c = await rawClient(t, endpoint.boundAddress!);
  await c.send(Array.from({ length: 100 }, (_, i) => command(i + 1, [i], i)));
  const answers = await c.waitAnswers(100);
  t.equal(c.frames.length, 1, '100 answers, one frame');
  t.equal(c.frames[0]!.nodeId, 'n1');
  t.equal(c.frames[0]!.leaderId, 'n1');
  t.same(answers.map((a) => a.requestId).sort(), Array.from({ length: 100 }, (_, i) => 1001 + i), 'every request id answered once');
  t.ok(answers.every((a) => a.outcome.kind === 'result' && a.outcome.result[0] === a.requestId - 1001), 'each with its own result');
  t.same(node.proposals[7]!.options, { session: { clientId: 'zmq:c1', seq: 8, ackedBelow: 7 } }, 'the session reaches the node, namespaced');
  t.equal(metrics.framesReceived, 1);
  t.equal(metrics.answers.get('result'), 100);
  t.equal(endpoint.activeConnections, 0, 'nothing in flight: no connection state kept');
});

t.test('a reply is handed to ZeroMQ as soon as the code that answered yields, not a whole event-loop turn later', async (t) => {
  // A node answers an applied batch synchronously; the frame should be sent before the event loop comes
  // round again (every sequential commit waits for it). The check phase is observed with a setImmediate
  // registered before the answer.
  const node = new ScriptedNode();
  let sentByNextCheck: number | undefined;
  node.proposeEncodedTo = (command, _options, answer) => {
    setImmediate(() => (sentByNextCheck = metrics.framesSent));
    answer.resolve(command);
  };
  const { endpoint, metrics } = await endpointOf(t, node);
  const c = await rawClient(t, endpoint.boundAddress!);
  await c.send([command(1)]);
  await c.waitAnswers(1);
  t.equal(sentByNextCheck, 1, 'the reply frame was sent before the next check phase');
});

t.test('a follower redirects commands and linearizable reads to its leader, and serves stale reads itself', async (t) => {
  const node = new ScriptedNode();
  node.isLeader = false;
  node.leader = 'n3';
  const { endpoint } = await endpointOf(t, node);
  const c = await rawClient(t, endpoint.boundAddress!);
  await c.send([command(1), query(2), query(3, true)]);
  const answers = await c.waitAnswers(3);
  const by = new Map(answers.map((a) => [a.requestId, a.outcome]));
  t.same(by.get(1001), { kind: 'redirect', leaderId: 'n3', leaderAddress: '' });
  t.same(by.get(2), { kind: 'redirect', leaderId: 'n3', leaderAddress: '' });
  t.equal(by.get(3)?.kind, 'result', 'a stale read is served here');
  t.same(node.reads.map((r) => r.options), [{ consistency: 'stale' }]);
  t.equal(node.proposals.length, 0, 'nothing proposed on the follower');
  node.leader = '';
  await c.send([command(2)]);
  const [, , , none] = await c.waitAnswers(4);
  t.same(none!.outcome.kind === 'error' && none!.outcome.code, 'notLeader', 'no leader known: notLeader, no hint');
});

t.test("in 'forward' mode a follower hands everything to its node (RaftNode forwards to the leader)", async (t) => {
  const node = new ScriptedNode();
  node.isLeader = false;
  node.leader = 'n3';
  const { endpoint } = await endpointOf(t, node, { followerMode: 'forward', requestTimeoutMs: 1234 });
  const c = await rawClient(t, endpoint.boundAddress!);
  await c.send([command(1), query(2)]);
  const answers = await c.waitAnswers(2);
  t.ok(answers.every((a) => a.outcome.kind === 'result'));
  t.same(node.proposals[0]!.options, { session: { clientId: 'zmq:c1', seq: 1, ackedBelow: 0 }, timeoutMs: 1234 });
  t.same(node.reads[0]!.options, { consistency: 'linearizable', timeoutMs: 1234 });
});

t.test("the node's typed errors become typed wire errors", async (t) => {
  const node = new ScriptedNode();
  const errors: Error[] = [
    new OutcomeUnknownError('leader changed'),
    new TimeoutError('proposal', 5),
    new ProposalDroppedError('transfer'),
    new OverloadedError('proposals', 1),
    new StoppedError(),
    new ApplyError('delta must be finite'),
    new NotLeaderError('n2'),
    new NotLeaderError(''),
    new Error('the state machine threw'),
    Object.assign(new Error('bad bytes'), { code: 'DECODE' }),
  ];
  const wanted = ['outcomeUnknown', 'timeout', 'proposalDropped', 'overloaded', 'stopped', 'applyFailed', 'redirect:n2', 'notLeader', 'applyFailed', 'badRequest'];
  node.onPropose = async (c) => {
    throw errors[c[0]!]!;
  };
  const { endpoint } = await endpointOf(t, node);
  const c = await rawClient(t, endpoint.boundAddress!);
  await c.send(errors.map((_, i) => command(i + 1, [i])));
  const answers = await c.waitAnswers(errors.length);
  const got = answers
    .sort((a, b) => a.requestId - b.requestId)
    .map((a) => (a.outcome.kind === 'error' ? a.outcome.code : a.outcome.kind === 'redirect' ? `redirect:${a.outcome.leaderId}` : 'result'));
  t.same(got, wanted);
});

t.test('requests that make no sense are refused, not proposed', async (t) => {
  const node = new ScriptedNode();
  const { endpoint, metrics } = await endpointOf(t, node);
  const c = await rawClient(t, endpoint.boundAddress!);
  await c.send([command(0), command(3, [1], 4), { ...command(5), clientId: 'x'.repeat(129) }]);
  const answers = await c.waitAnswers(3);
  t.ok(answers.every((a) => a.outcome.kind === 'error' && a.outcome.code === 'badRequest'), 'sequence 0, ackedBelow above the sequence, an over-long client id');
  t.equal(node.proposals.length, 0);
  t.equal(metrics.answers.get('badRequest'), 3);
});

t.test('bounded: requests beyond maxInFlightPerConnection are answered overloaded at once', async (t) => {
  const node = new ScriptedNode();
  const parked: (() => void)[] = [];
  node.onPropose = (cmd) => new Promise((resolve) => parked.push(() => resolve(cmd)));
  const { endpoint } = await endpointOf(t, node, { maxInFlightPerConnection: 4 });
  const c = await rawClient(t, endpoint.boundAddress!);
  await c.send(Array.from({ length: 10 }, (_, i) => command(i + 1)));
  const early = await c.waitAnswers(6);
  t.ok(early.every((a) => a.outcome.kind === 'error' && a.outcome.code === 'overloaded'), 'six refused');
  t.equal(node.proposals.length, 4, 'four handed to the node');
  for (const release of parked) release();
  const all = await c.waitAnswers(10);
  t.equal(all.filter((a) => a.outcome.kind === 'result').length, 4, 'the four in flight answered');
});

t.test('malformed, truncated, oversized and misdirected frames are dropped and counted; the endpoint keeps serving', async (t) => {
  const node = new ScriptedNode();
  const maxFrameBytes = 64 * 1024;
  const { endpoint, metrics } = await endpointOf(t, node, { maxFrameBytes });
  const c = await rawClient(t, endpoint.boundAddress!);
  const valid = encodeClientFrame({ kind: 'requests', requests: [command(1, Array.from({ length: 200 }, (_, i) => i))] });
  await c.dealer.send(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f])); // a length running past the end
  await c.dealer.send(valid.subarray(0, valid.byteLength - 50)); // truncated
  await c.dealer.send(Buffer.alloc(maxFrameBytes + 1, 0x0a)); // oversized (under libzmq's hard limit)
  await c.dealer.send([Buffer.from('a'), Buffer.from('b')]); // two parts
  await c.dealer.send(encodeClientFrame({ kind: 'responses', responses: [], nodeId: 'x', leaderId: '' })); // wrong direction
  await c.dealer.send(Buffer.from('not protobuf at all, just text'));
  t.ok(await waitUntil(() => metrics.dropsTotal() >= 6, ANSWER_TIMEOUT_MS), 'six frames dropped');
  t.ok((metrics.drops.get('malformed') ?? 0) >= 2, 'malformed and truncated: malformed');
  t.equal(metrics.drops.get('oversized'), 1);
  t.equal(metrics.drops.get('badEnvelope'), 1);
  t.equal(metrics.drops.get('notRequests'), 1);
  t.equal(node.proposals.length, 0, 'nothing reached the node');
  // Beyond twice maxFrameBytes libzmq drops the connection itself; a fresh one is served.
  await c.dealer.send(Buffer.alloc(maxFrameBytes * 3, 1));
  await sleep(100);
  const fresh = await rawClient(t, endpoint.boundAddress!);
  await fresh.dealer.send(valid);
  const [answer] = await fresh.waitAnswers(1);
  t.equal(answer!.outcome.kind, 'result', 'after all that, a good request is answered');
});

t.test('stop() while requests are in flight: closes at once, late answers go nowhere', async (t) => {
  const node = new ScriptedNode();
  let release: () => void = () => {};
  node.onPropose = (cmd) => new Promise((resolve) => (release = () => resolve(cmd)));
  const endpoint = new ClientEndpoint(node, { bind: 'tcp://127.0.0.1:*', logger: silentLogger });
  await endpoint.start();
  const c = await rawClient(t, endpoint.boundAddress!);
  await c.send([command(1)]);
  t.ok(await waitUntil(() => node.proposals.length === 1, ANSWER_TIMEOUT_MS));
  await endpoint.stop();
  release();
  await sleep(50);
  t.equal(c.answers().length, 0, 'no answer after stop');
  await endpoint.stop();
  t.pass('stop is idempotent');
});

t.test('options are validated with the field named', async (t) => {
  const node = new ScriptedNode();
  t.throws(() => new ClientEndpoint(node, { bind: 'nowhere' }), { name: 'ZmqConfigError', field: 'bind' });
  t.throws(() => new ClientEndpoint(node, { bind: 'tcp://127.0.0.1:1', maxFrameBytes: 0 }), { name: 'ZmqConfigError', field: 'maxFrameBytes' });
  t.throws(() => new ClientEndpoint(node, { bind: 'tcp://127.0.0.1:1', followerMode: 'sideways' as 'forward' }), { name: 'ZmqConfigError', field: 'followerMode' });
  t.throws(() => new ClientEndpoint(node, { bind: 'tcp://127.0.0.1:1', curve: { publicKey: 'x', secretKey: 'y' } }), { name: 'ZmqConfigError', field: 'curve.publicKey' });
});
