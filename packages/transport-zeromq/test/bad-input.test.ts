import t from 'tap';
import { Dealer } from 'zeromq';
import { encodeMessageBatch, encodePeerFrame, encodeSnapshotChunk, encodeSnapshotChunkAck } from '@raftbus/wire';
import type { Message } from '@raftbus/core';
import { CountingTransportMetrics, ZmqTransport, silentLogger, type TransportLogger } from '../src/index.js';
import { heartbeat, loopbackPeers, sleep, waitUntil } from './helpers.js';

const SEED = Number(process.env.RAFTBUS_FUZZ_SEED ?? 0xf022);
const LIVE_FRAMES_TOTAL = 100_000;
const LIVE_FUZZ_TIME_MS_MAX = 60_000;
const MAX_FRAME_BYTES = 64 * 1024;

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), a | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function snapshotMessage(from: string, to: string, bytes: number): Message {
  return {
    ...heartbeat(from, to, 0),
    type: 'snapshot',
    snapshot: { meta: { index: 9, term: 1, confState: { voters: [from, to], learners: [], votersOutgoing: [] } }, data: new Uint8Array(bytes).fill(7) },
  };
}

/** Frames a broken or hostile peer might send: each is one ZeroMQ message of one or more parts. */
function hostileFrame(rand: () => number): Buffer[] {
  const valid = [
    encodePeerFrame(heartbeat('n2', 'n1', 5)),
    encodeMessageBatch([heartbeat('n2', 'n1', 6), { ...heartbeat('n2', 'n1', 7), type: 'append', entries: [{ index: 1, term: 1, type: 0, data: new Uint8Array(40) }] }]),
    encodeSnapshotChunk({ streamId: 1, chunkIndex: 0, chunkCount: 3, totalBytes: 30, header: snapshotMessage('n2', 'n1', 0), data: new Uint8Array(10) }),
    encodeSnapshotChunk({ streamId: 1, chunkIndex: 2, chunkCount: 3, totalBytes: 30, data: new Uint8Array(10) }),
    encodeSnapshotChunkAck({ streamId: 77, chunkIndex: 3, aborted: false }),
  ].map((f) => Buffer.from(f));
  const pick = valid[Math.floor(rand() * valid.length)]!;
  switch (Math.floor(rand() * 8)) {
    case 0: return [Buffer.from(Array.from({ length: Math.floor(rand() * 200) }, () => Math.floor(rand() * 256)))];
    case 1: {
      const out = Buffer.from(pick);
      out[Math.floor(rand() * out.length)]! ^= 1 << Math.floor(rand() * 8);
      return [out];
    }
    case 2: return [pick.subarray(0, Math.floor(rand() * pick.length))];
    case 3: return [pick, pick];
    case 4: return [Buffer.alloc(MAX_FRAME_BYTES + 1 + Math.floor(rand() * MAX_FRAME_BYTES / 2))];
    case 5: return [Buffer.from(encodePeerFrame(heartbeat('n3', 'n1', 1)))];
    case 6: return [Buffer.from(encodePeerFrame(heartbeat('n2', 'n9', 1)))];
    default: return [Buffer.alloc(0)];
  }
}

t.test(`live fuzz: ${LIVE_FRAMES_TOTAL} hostile frames at a running node's ROUTER (seed ${SEED})`, async (t) => {
  const peers = await loopbackPeers(['n1', 'n2', 'n3']);
  const metrics = new CountingTransportMetrics();
  let logLines = 0;
  const countingLogger: TransportLogger = { warn: () => void logLines++ };
  const n1 = new ZmqTransport({ peers, metrics, logger: countingLogger, maxFrameBytes: MAX_FRAME_BYTES, snapshotChunkBytes: 16 * 1024 });
  const received: Message[] = [];
  await n1.start('n1', (m) => void received.push(m));
  let unhandled = 0;
  const onUnhandled = () => void unhandled++;
  process.on('unhandledRejection', onUnhandled);
  const fuzzer = new Dealer({ linger: 0, routingId: 'n2', sendTimeout: 2_000 });
  const stranger = new Dealer({ linger: 0, routingId: 'mallory', sendTimeout: 2_000 });
  t.teardown(async () => {
    process.off('unhandledRejection', onUnhandled);
    fuzzer.close();
    stranger.close();
    await n1.stop();
  });
  fuzzer.connect(peers.n1!.address);
  stranger.connect(peers.n1!.address);

  const rand = prng(SEED);
  const started = Date.now();
  let sent = 0;
  let sendErrors = 0;
  for (; sent < LIVE_FRAMES_TOTAL && Date.now() - started < LIVE_FUZZ_TIME_MS_MAX; sent++) {
    const socket = sent % 50 === 0 ? stranger : fuzzer;
    await socket.send(hostileFrame(rand)).catch(() => void sendErrors++);
  }
  const accounted = () => metrics.receiveDropsTotal() + (metrics.peers.get('n2')?.framesReceived ?? 0);
  const settled = await waitUntil(() => accounted() >= sent - sendErrors, 10_000);
  const drops = [...metrics.receiveDrops].map(([r, n]) => `${r}=${n}`).join(' ');
  t.comment(
    `live fuzz seed=${SEED} frames sent=${sent} sendErrors=${sendErrors} accepted frames=${metrics.peers.get('n2')?.framesReceived ?? 0} ` +
      `messages delivered=${received.length} drops: ${drops} log lines=${logLines} crashes=0 unhandledRejections=${unhandled} in ${Date.now() - started} ms`,
  );
  t.equal(sent, LIVE_FRAMES_TOTAL, 'every frame was sent within the time bound');
  t.equal(sendErrors, 0, 'the node kept reading (no send timed out)');
  t.ok(settled, `every frame is accounted for: received or dropped-and-counted (${accounted()}/${sent})`);
  t.equal(unhandled, 0, 'no unhandled rejection');
  for (const reason of ['malformed', 'oversized', 'badEnvelope', 'unknownPeer', 'spoofedSender', 'misrouted', 'snapshotRejected'] as const) {
    t.ok((metrics.receiveDrops.get(reason) ?? 0) > 0, `drops counted as ${reason}`);
  }
  t.ok(received.every((m) => m.from === 'n2' && m.to === 'n1'), 'only well-formed messages from n2 to n1 were delivered');
  t.ok(logLines < 200, `logging is rate-limited (${logLines} lines for ${metrics.receiveDropsTotal()} drops)`);

  // Valid traffic still flows, from a real peer, after all that.
  const n2 = new ZmqTransport({ peers, logger: silentLogger });
  t.teardown(() => n2.stop());
  fuzzer.close();
  await n2.start('n2', () => {});
  const before = received.length;
  let ok = false;
  for (let i = 0; i < 200 && !ok; i++) {
    n2.send([heartbeat('n2', 'n1', 1000 + i)]);
    ok = await waitUntil(() => received.slice(before).some((m) => m.index >= 1000), 25);
  }
  t.ok(ok, 'a real peer delivers to the fuzzed node afterwards');
});

t.test('snapshot streams: a stalled inbound stream is expired, a rejected one is aborted at the sender', async (t) => {
  const peers = await loopbackPeers(['n1', 'n2']);
  const m1 = new CountingTransportMetrics();
  const m2 = new CountingTransportMetrics();
  const n1 = new ZmqTransport({ peers, metrics: m1, logger: silentLogger, maxSnapshotBytes: 100_000, snapshotStallTimeoutMs: 300 });
  const n2 = new ZmqTransport({ peers, metrics: m2, logger: silentLogger, snapshotChunkBytes: 8 * 1024, snapshotStallTimeoutMs: 300 });
  const got: Message[] = [];
  await n1.start('n1', (m) => void got.push(m));
  await n2.start('n2', () => {});
  const raw = new Dealer({ linger: 0, routingId: 'n2', sendTimeout: 1000 });
  t.teardown(async () => {
    raw.close();
    await Promise.all([n1.stop(), n2.stop()]);
  });
  // Over the receiver's maxSnapshotBytes: the receiver refuses and the sender abandons the stream.
  n2.send([snapshotMessage('n2', 'n1', 200_000)]);
  t.ok(await waitUntil(() => m2.sendFailures.get('n1:snapshotAborted') === 1, 10_000), 'the sender counted the aborted stream');
  t.ok((m1.receiveDrops.get('snapshotRejected') ?? 0) >= 1, 'the receiver counted the refusal');
  // Within bounds: delivered whole.
  n2.send([snapshotMessage('n2', 'n1', 50_000)]);
  t.ok(await waitUntil(() => got.length === 1, 10_000), 'a snapshot within bounds is delivered');
  t.equal(got[0]?.snapshot?.data.byteLength, 50_000);
  // The sender counts the stream once the last chunk's acknowledgement is back, which can trail delivery.
  t.ok(await waitUntil(() => m2.snapshotsSent === 1, 5_000), 'the sender counted one snapshot sent');
  t.equal(m1.snapshotsReceived, 1);
  // A stream that starts and then goes silent is expired by the receiver.
  raw.connect(peers.n1!.address);
  const dropsBefore = m1.receiveDrops.get('snapshotRejected') ?? 0;
  await raw.send(encodeSnapshotChunk({ streamId: 5, chunkIndex: 0, chunkCount: 4, totalBytes: 40, header: snapshotMessage('n2', 'n1', 0), data: new Uint8Array(10) }));
  t.ok(await waitUntil(() => (m1.receiveDrops.get('snapshotRejected') ?? 0) > dropsBefore, 5_000), 'the stalled stream was expired and counted');
  t.equal(got.length, 1, 'and nothing partial was delivered');
});

t.test('send-side bounds: queue overflow and an unreachable peer are counted, never thrown', async (t) => {
  const peers = await loopbackPeers(['n1', 'n2']);
  const metrics = new CountingTransportMetrics();
  const n1 = new ZmqTransport({ peers, metrics, logger: silentLogger, maxQueuedMessagesPerPeer: 10, sendTimeoutMs: 100 });
  t.teardown(() => n1.stop());
  await n1.start('n1', () => {});
  const batch = Array.from({ length: 50 }, (_, i) => heartbeat('n1', 'n2', i));
  t.doesNotThrow(() => n1.send(batch), 'n2 is down: send() neither blocks nor throws');
  t.ok((metrics.sendFailures.get('n2:queueFull') ?? 0) >= 30, `overflow beyond the bound is dropped (${metrics.sendFailures.get('n2:queueFull')})`);
  t.ok(await waitUntil(() => (metrics.sendFailures.get('n2:peerUnavailable') ?? 0) > 0, 5_000), 'the unreachable peer is counted after sendTimeoutMs');
  n1.send([heartbeat('n1', 'nobody', 1)]);
  t.equal(metrics.sendFailures.get('nobody:unknownPeer'), 1);
  const huge = { ...heartbeat('n1', 'n2', 1), type: 'append' as const, entries: [{ index: 1, term: 1, type: 0 as const, data: new Uint8Array(17 * 1024 * 1024) }] };
  n1.send([huge]);
  t.ok(await waitUntil(() => metrics.sendFailures.get('n2:oversized') === 1, 5_000), 'a message over maxFrameBytes is dropped at the sender');
  await n1.stop();
  n1.send([heartbeat('n1', 'n2', 1)]);
  t.equal(metrics.sendFailures.get('n2:stopped'), 1, 'after stop(): counted as stopped');
  await t.rejects(n1.start('n1', () => {}), { name: 'ZmqStateError' }, 'a stopped transport does not restart');
});

t.test('one connection per pair: a peer that has not connected costs its own messages only', async (t) => {
  // n2 and n3 sort after n1, which is down: n1 would connect to them, so they reach it through their ROUTERs.
  const peers = await loopbackPeers(['n1', 'n2', 'n3']);
  const metrics = new CountingTransportMetrics();
  // n3 reaches both through its ROUTER (mandatory): n1's messages fail there with EHOSTUNREACH, are
  // retried for sendTimeoutMs and then flushed, while n2's go through.
  const n3 = new ZmqTransport({ peers, metrics, logger: silentLogger, sendTimeoutMs: 100 });
  const n2 = new ZmqTransport({ peers, logger: silentLogger });
  t.teardown(() => Promise.all([n3.stop(), n2.stop()]));
  const atN2: Message[] = [];
  await n3.start('n3', () => {});
  await n2.start('n2', (m) => void atN2.push(m));
  let i = 0;
  const delivered = await waitUntil(() => {
    n3.send([heartbeat('n3', 'n1', ++i), heartbeat('n3', 'n2', i)]);
    return atN2.length > 0;
  }, 5_000, 20);
  t.ok(delivered, 'n3 reaches n2 over the connection n2 opened, through the same ROUTER');
  const n1Dropped = await waitUntil(() => {
    n3.send([heartbeat('n3', 'n1', ++i)]);
    return (metrics.sendFailures.get('n1:peerUnavailable') ?? 0) > 0;
  }, 5_000, 20);
  t.ok(n1Dropped, `messages for the absent n1 were dropped and counted (${metrics.sendFailures.get('n1:peerUnavailable')})`);
  t.equal(metrics.sendFailures.get('n2:peerUnavailable'), undefined, 'none for n2');
});

t.test('a frame the peer cannot take yet is retried until sendTimeoutMs, in order, then delivered', async (t) => {
  // Both directions of a pair: n1 sorts first, so it reaches n2 through a DEALER of its own (EAGAIN while
  // n2 is down), and n2 answers n1 through its ROUTER (EHOSTUNREACH until n1's DEALER has connected).
  const peers = await loopbackPeers(['n1', 'n2']);
  const m1 = new CountingTransportMetrics();
  const m2 = new CountingTransportMetrics();
  const n1 = new ZmqTransport({ peers, metrics: m1, logger: silentLogger, sendTimeoutMs: 3_000, reconnectIntervalMs: 20, reconnectIntervalMsMax: 50 });
  const n2 = new ZmqTransport({ peers, metrics: m2, logger: silentLogger, sendTimeoutMs: 3_000 });
  t.teardown(() => Promise.all([n1.stop(), n2.stop()]));
  const atN1: Message[] = [];
  const atN2: Message[] = [];
  await n1.start('n1', (m) => void atN1.push(m));
  n1.send([heartbeat('n1', 'n2', 1), heartbeat('n1', 'n2', 2)]);
  await sleep(300); // n2 is down for 300 ms of the 3 s n1 keeps trying
  await n2.start('n2', (m) => void atN2.push(m));
  n2.send([heartbeat('n2', 'n1', 3)]); // before n1's DEALER has reconnected: EHOSTUNREACH at first
  t.ok(await waitUntil(() => atN2.length >= 2 && atN1.length >= 1, 5_000), 'both directions delivered once the pair connected');
  t.same(atN2.map((m) => m.index), [1, 2], 'n1 → n2: the retried frame, whole and in order');
  t.same(atN1.map((m) => m.index), [3], 'n2 → n1 through the ROUTER');
  t.equal(m1.sendFailures.get('n2:peerUnavailable'), undefined, 'nothing flushed on n1');
  t.equal(m2.sendFailures.get('n1:peerUnavailable'), undefined, 'nothing flushed on n2');
});
