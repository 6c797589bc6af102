import t from 'tap';
import { MessageType, type Message } from '@raftbus/core';
import {
  DEFAULT_MAX_FRAME_BYTES,
  WireDecodeError,
  WireEncodeError,
  decodeClientFrame,
  decodeMessageBatch,
  decodePeerEnvelope,
  decodePeerFrame,
  encodeClientFrame,
  encodeMessageBatch,
  encodePeerFrame,
  encodeSnapshotChunk,
  encodeSnapshotChunkAck,
  type ClientFrame,
} from '../src/index.js';
import { raftbus } from '../gen/raftbus.js';
import { bytes, sampleMessages } from './samples.js';

const pb = raftbus.wire;

t.test('every message type round-trips every field, optional fields keep their presence', async (t) => {
  const samples = sampleMessages();
  const covered = new Set(samples.map((m) => m.type));
  t.same([...covered].sort(), Object.values(MessageType).sort(), 'the samples cover every message type');
  for (const msg of samples) {
    const decoded = decodePeerFrame(encodePeerFrame(msg));
    t.strictSame(decoded, msg, `${msg.type} round-trips`);
    for (const key of ['snapshot', 'context', 'transfer', 'transferee'] as const) {
      t.equal(key in decoded, key in msg, `${msg.type}: presence of ${key}`);
    }
  }
});

t.test('a batch frame carries many messages in order', async (t) => {
  const samples = sampleMessages();
  t.strictSame(decodeMessageBatch(encodeMessageBatch(samples)), samples);
  t.strictSame(decodeMessageBatch(encodeMessageBatch([])), []);
});

t.test('64-bit fields: 2^53 - 1 is the largest value accepted in either direction', async (t) => {
  const max: Message = { ...sampleMessages()[0]!, term: Number.MAX_SAFE_INTEGER, commit: Number.MAX_SAFE_INTEGER };
  t.equal(decodePeerFrame(encodePeerFrame(max)).term, Number.MAX_SAFE_INTEGER);
  // Hand-encode values beyond 2^53 with the generated code, as a foreign or hostile peer might.
  for (const [low, high] of [[0, 0x200000], [0xffffffff, 0xffffffff]] as const) {
    const frame = pb.PeerFrame.encode({
      batch: { messages: [{ type: pb.MessageType.HEARTBEAT, from: 'a', to: 'b', term: { low, high, unsigned: true } as never }] },
    }).finish();
    t.throws(() => decodePeerFrame(frame), { name: 'WireDecodeError', reason: 'invalidField' }, `high word 0x${high.toString(16)}`);
  }
  t.throws(() => encodePeerFrame({ ...max, term: 2 ** 53 }), WireEncodeError);
  t.throws(() => encodePeerFrame({ ...max, index: -1 }), WireEncodeError);
  t.throws(() => encodePeerFrame({ ...max, commit: 1.5 }), WireEncodeError);
});

t.test('the maximum frame size is enforced before parsing', async (t) => {
  const msg = { ...sampleMessages()[0]!, entries: [{ index: 1, term: 1, type: 0 as const, data: bytes(4096, 1) }] };
  const frame = encodePeerFrame(msg);
  t.throws(() => decodePeerFrame(frame, { maxFrameBytes: 4000 }), { name: 'WireDecodeError', reason: 'oversized' });
  t.strictSame(decodePeerFrame(frame, { maxFrameBytes: frame.byteLength }), msg);
  t.throws(() => decodePeerEnvelope(new Uint8Array(DEFAULT_MAX_FRAME_BYTES + 1)), { name: 'WireDecodeError', reason: 'oversized' });
});

t.test('bad frames throw WireDecodeError with a reason', async (t) => {
  const good = encodePeerFrame(sampleMessages()[0]!);
  t.throws(() => decodePeerFrame(good.subarray(0, good.byteLength - 3)), { name: 'WireDecodeError', reason: 'malformed' });
  t.throws(() => decodePeerFrame(new Uint8Array([0xff, 0xff, 0xff])), WireDecodeError);
  t.throws(() => decodePeerFrame(new Uint8Array(0)), { name: 'WireDecodeError', reason: 'unknownType' }, 'empty frame has no body');
  const unknownType = pb.PeerFrame.encode({ batch: { messages: [{ type: 99 as never, from: 'a', to: 'b' }] } }).finish();
  t.throws(() => decodePeerFrame(unknownType), { name: 'WireDecodeError', reason: 'unknownType' });
  const noFrom = pb.PeerFrame.encode({ batch: { messages: [{ type: pb.MessageType.HEARTBEAT, to: 'b' }] } }).finish();
  t.throws(() => decodePeerFrame(noFrom), { name: 'WireDecodeError', reason: 'invalidField' });
  const snapshotless = pb.PeerFrame.encode({ batch: { messages: [{ type: pb.MessageType.SNAPSHOT, from: 'a', to: 'b' }] } }).finish();
  t.throws(() => decodePeerFrame(snapshotless), { name: 'WireDecodeError', reason: 'invalidField' });
  const badEntry = pb.PeerFrame.encode({
    batch: { messages: [{ type: pb.MessageType.APPEND, from: 'a', to: 'b', entries: [{ index: 1, type: 7 as never }] }] },
  }).finish();
  t.throws(() => decodePeerFrame(badEntry), { name: 'WireDecodeError', reason: 'unknownType' });
  const badUtf8 = new Uint8Array([0x0a, 0x07, 0x0a, 0x05, 0x12, 0x03, 0xc3, 0x28, 0x41]);
  t.throws(() => decodePeerFrame(badUtf8), { name: 'WireDecodeError', reason: 'malformed' }, 'invalid UTF-8 in a node id');
  t.throws(() => decodePeerFrame(encodeSnapshotChunkAck({ streamId: 1, chunkIndex: 0, aborted: false })), { name: 'WireDecodeError', reason: 'unknownType' });
});

t.test('snapshot chunks and acks round-trip; chunk invariants are checked', async (t) => {
  const header = sampleMessages().find((m) => m.type === MessageType.Snapshot)!;
  const first = { streamId: 2 ** 40, chunkIndex: 0, chunkCount: 3, totalBytes: 1000, header, data: bytes(400, 5) };
  const decoded = decodePeerEnvelope(encodeSnapshotChunk(first));
  t.equal(decoded.kind, 'snapshotChunk');
  if (decoded.kind === 'snapshotChunk') {
    t.strictSame(decoded.chunk.data, first.data);
    t.equal(decoded.chunk.streamId, 2 ** 40);
    t.strictSame(decoded.chunk.header?.snapshot?.meta, header.snapshot!.meta);
    t.equal(decoded.chunk.header?.snapshot?.data.byteLength, 0, 'the header carries no snapshot bytes');
  }
  const middle = { streamId: 9, chunkIndex: 1, chunkCount: 3, totalBytes: 1000, data: bytes(400, 6) };
  t.strictSame(decodePeerEnvelope(encodeSnapshotChunk(middle)), { kind: 'snapshotChunk', chunk: middle });
  t.throws(() => decodePeerEnvelope(encodeSnapshotChunk({ ...middle, header })), { name: 'WireDecodeError', reason: 'invalidField' });
  t.throws(() => decodePeerEnvelope(encodeSnapshotChunk({ ...middle, chunkIndex: 3 })), { name: 'WireDecodeError', reason: 'invalidField' });
  t.throws(() => decodePeerEnvelope(encodeSnapshotChunk({ ...first, header: undefined })), { name: 'WireDecodeError', reason: 'invalidField' });
  const ack = { streamId: 9, chunkIndex: 2, aborted: true };
  t.strictSame(decodePeerEnvelope(encodeSnapshotChunkAck(ack)), { kind: 'snapshotChunkAck', ack });
});

t.test('client frames round-trip requests, results, redirects and typed errors', async (t) => {
  const requests: ClientFrame = {
    kind: 'requests',
    requests: [
      { clientId: 'c-1', sequence: 12, requestId: 99, kind: 'command', payload: bytes(10, 2), staleReadOk: false, ackedBelow: 7 },
      { clientId: 'c-1', sequence: 0, requestId: 100, kind: 'query', payload: bytes(3, 2), staleReadOk: true, ackedBelow: 0 },
      { clientId: 'c-2', sequence: 0, requestId: 2 ** 50, kind: 'registerSession', payload: new Uint8Array(0), staleReadOk: false, ackedBelow: 0 },
    ],
  };
  t.strictSame(decodeClientFrame(encodeClientFrame(requests)), requests);
  const responses: ClientFrame = {
    kind: 'responses',
    nodeId: 'n2',
    leaderId: 'n3',
    responses: [
      { requestId: 99, outcome: { kind: 'result', result: bytes(4, 1) } },
      { requestId: 98, outcome: { kind: 'result', result: new Uint8Array(0) } },
      { requestId: 100, outcome: { kind: 'redirect', leaderId: 'n3', leaderAddress: 'tcp://127.0.0.1:7003' } },
      { requestId: 101, outcome: { kind: 'redirect', leaderId: '', leaderAddress: '' } },
      ...(
        ['notLeader', 'timeout', 'proposalDropped', 'sessionExpired', 'badRequest', 'internal', 'outcomeUnknown', 'overloaded', 'applyFailed', 'stopped'] as const
      ).map((code, i) => ({
        requestId: 200 + i,
        outcome: { kind: 'error' as const, code, message: `failed: ${code}` },
      })),
    ],
  };
  t.strictSame(decodeClientFrame(encodeClientFrame(responses)), responses);
  const noLeader: ClientFrame = { kind: 'responses', nodeId: 'n1', leaderId: '', responses: [] };
  t.strictSame(decodeClientFrame(encodeClientFrame(noLeader)), noLeader, 'an empty batch still names the node');
  t.throws(() => decodeClientFrame(new Uint8Array(0)), { name: 'WireDecodeError', reason: 'unknownType' });
  const noClient = pb.ClientFrame.encode({ requests: { requests: [{ kind: pb.ClientRequestKind.COMMAND }] } }).finish();
  t.throws(() => decodeClientFrame(noClient), { name: 'WireDecodeError', reason: 'invalidField' });
});

t.test('client ids as long as a UUID (the decoder caches ASCII strings up to 40 bytes) decode exactly, colliding or repeated', async (t) => {
  const { randomUUID } = await import('node:crypto');
  const ids = Array.from({ length: 2000 }, (_, i) => (i % 3 === 0 ? `${randomUUID()}-x` : randomUUID()));
  const frameOf = (clientId: string) =>
    encodeClientFrame({ kind: 'requests', requests: [{ clientId, sequence: 1, requestId: 1, kind: 'command', payload: new Uint8Array(0), staleReadOk: false, ackedBelow: 0 }] });
  const frames = ids.map(frameOf);
  let wrong = 0;
  // Twice over: the second pass meets strings cached by the first, or slots taken over by collisions.
  for (let pass = 0; pass < 2; pass++) {
    frames.forEach((frame, i) => {
      const decoded = decodeClientFrame(frame);
      if (decoded.kind !== 'requests' || decoded.requests[0]!.clientId !== ids[i]) wrong++;
    });
  }
  t.equal(wrong, 0, `${ids.length} ids of 36 and 38 bytes, decoded twice each`);
});
