import t, { type Test } from 'tap';
import { isDeepStrictEqual } from 'node:util';
import { MessageType, type Message } from '@raftbus/core';
import {
  WireEncodeError,
  decodeClientFrame,
  decodeMessageBatch,
  decodePeerEnvelope,
  encodeClientFrame,
  encodeMessageBatch,
  encodeSnapshotChunk,
  encodeSnapshotChunkAck,
  type ClientFrame,
  type PeerEnvelope,
  type SnapshotChunk,
} from '../src/index.js';
import * as pbjsClient from '../src/reference/pbjs-client.js';
import * as pbjsPeer from '../src/reference/pbjs-peer.js';
import { Arbitrary } from './arbitrary.js';
import { prng, sampleMessages } from './samples.js';

/**
 * The hand-written codec against the protobufjs reference, over seeded random values of every frame
 * type: the same bytes out of both encoders, and each decoder reads the other encoder's bytes back to
 * the value that went in. Replay a failure with RAFTBUS_CODEC_SEED=<seed>.
 */
const SEED = Number(process.env.RAFTBUS_CODEC_SEED ?? 0xc0dec);
const SAMPLES_PER_KIND = 3_000;
const FAILURES_SHOWN_MAX = 3;

interface Outcome {
  checked: number;
  failures: string[];
}

function check<T>(t: Test, name: string, samples: T[], property: (value: T) => string | undefined): void {
  const outcome: Outcome = { checked: 0, failures: [] };
  for (const value of samples) {
    outcome.checked++;
    const failure = property(value);
    if (failure !== undefined) outcome.failures.push(failure);
  }
  t.equal(outcome.failures.length, 0, `${name}: ${outcome.checked} samples (seed ${SEED}) ${outcome.failures.slice(0, FAILURES_SHOWN_MAX).join(' | ')}`);
}

const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0;

/** Compares both encoders' bytes and both decoders' values against the value that went in. */
function roundTrips<T, D>(
  value: T,
  expected: D,
  hand: { encode(v: T): Uint8Array; decode(b: Uint8Array): D },
  ref: { encode(v: T): Uint8Array; decode(b: Uint8Array): D },
): string | undefined {
  const handBytes = hand.encode(value);
  const refBytes = ref.encode(value);
  if (!sameBytes(handBytes, refBytes)) return `bytes differ: hand ${hex(handBytes)} reference ${hex(refBytes)}`;
  const handDecoded = hand.decode(refBytes);
  if (!isDeepStrictEqual(handDecoded, expected)) return `hand decode of reference bytes ${hex(refBytes)} differs`;
  const refDecoded = ref.decode(handBytes);
  if (!isDeepStrictEqual(refDecoded, expected)) return `reference decode of hand bytes ${hex(handBytes)} differs`;
  return undefined;
}

const arbitrary = new Arbitrary(prng(SEED));

t.test('message batches: same bytes as protobufjs, and each decoder reads the other encoder back', async (t) => {
  const batches = [sampleMessages(), ...sampleMessages().map((m) => [m]), ...Array.from({ length: SAMPLES_PER_KIND }, () => arbitrary.messages())];
  check(t, 'message batches', batches, (messages) =>
    roundTrips(messages, messages, { encode: encodeMessageBatch, decode: (b) => decodeMessageBatch(b) }, { encode: pbjsPeer.encodeMessageBatch, decode: (b) => pbjsPeer.decodeMessageBatch(b) }),
  );
  const covered = new Set(batches.flat().map((m) => m.type));
  t.equal(covered.size, Object.values(MessageType).length, 'every message type was sampled');
});

t.test('snapshot chunks and acks: same bytes, same values', async (t) => {
  const chunks = Array.from({ length: SAMPLES_PER_KIND }, () => arbitrary.chunk());
  check(t, 'snapshot chunks', chunks, (chunk) => {
    // The header's snapshot bytes stay off the wire (the chunks carry them).
    const header = chunk.header && { ...chunk.header, snapshot: { ...chunk.header.snapshot!, data: new Uint8Array(0) } };
    const expected: PeerEnvelope = { kind: 'snapshotChunk', chunk: header ? { ...chunk, header } : chunk };
    return roundTrips(chunk, expected, { encode: encodeSnapshotChunk, decode: (b) => decodePeerEnvelope(b) }, { encode: pbjsPeer.encodeSnapshotChunk, decode: (b) => pbjsPeer.decodePeerEnvelope(b) });
  });
  t.ok(chunks.some((c: SnapshotChunk) => c.header) && chunks.some((c) => !c.header), 'chunks with and without a header');
  const acks = Array.from({ length: SAMPLES_PER_KIND }, () => arbitrary.ack());
  check(t, 'snapshot chunk acks', acks, (ack) =>
    roundTrips(ack, { kind: 'snapshotChunkAck', ack }, { encode: encodeSnapshotChunkAck, decode: (b) => decodePeerEnvelope(b) }, { encode: pbjsPeer.encodeSnapshotChunkAck, decode: (b) => pbjsPeer.decodePeerEnvelope(b) }),
  );
});

t.test('client frames: same bytes, same values', async (t) => {
  const frames: ClientFrame[] = Array.from({ length: SAMPLES_PER_KIND }, () => arbitrary.clientFrame());
  check(t, 'client frames', frames, (frame) =>
    roundTrips(frame, frame, { encode: encodeClientFrame, decode: (b) => decodeClientFrame(b) }, { encode: pbjsClient.encodeClientFrame, decode: (b) => pbjsClient.decodeClientFrame(b) }),
  );
  const outcomes = new Set(frames.flatMap((f) => (f.kind === 'responses' ? f.responses.map((r) => r.outcome.kind) : [])));
  t.same([...outcomes].sort(), ['error', 'redirect', 'result'], 'every outcome kind was sampled');
});

t.test('values that cannot go on the wire throw WireEncodeError from both codecs', async (t) => {
  const base = sampleMessages()[0]!;
  const bad: [string, Message][] = [
    ['term 2^53', { ...base, term: 2 ** 53 }],
    ['negative index', { ...base, index: -1 }],
    ['fractional commit', { ...base, commit: 1.5 }],
    ['NaN rejectHint', { ...base, rejectHint: Number.NaN }],
    ['unknown type', { ...base, type: 'gossip' as MessageType }],
    ['empty from', { ...base, from: '' }],
    ['entry index 2^60', { ...base, entries: [{ index: 2 ** 60, term: 1, type: 0, data: new Uint8Array(0) }] }],
    ['entry type 5', { ...base, entries: [{ index: 1, term: 1, type: 5 as 0, data: new Uint8Array(0) }] }],
    ['snapshot meta index -3', { ...base, snapshot: { meta: { index: -3, term: 1, confState: { voters: [], learners: [], votersOutgoing: [] } }, data: new Uint8Array(0) } }],
  ];
  for (const [name, msg] of bad) {
    t.throws(() => encodeMessageBatch([msg]), WireEncodeError, `hand: ${name}`);
    t.throws(() => pbjsPeer.encodeMessageBatch([msg]), WireEncodeError, `reference: ${name}`);
  }
  const request = { clientId: 'c', sequence: 1, requestId: 1, kind: 'command' as const, payload: new Uint8Array(0), staleReadOk: false, ackedBelow: 0 };
  for (const frame of [
    { kind: 'requests' as const, requests: [{ ...request, sequence: -1 }] },
    { kind: 'requests' as const, requests: [{ ...request, kind: 'delete' as 'query' }] },
    { kind: 'responses' as const, nodeId: 'n1', leaderId: '', responses: [{ requestId: 1, outcome: { kind: 'error' as const, code: 'oops' as 'timeout', message: '' } }] },
  ]) {
    t.throws(() => encodeClientFrame(frame), WireEncodeError, `hand: ${JSON.stringify(frame).slice(0, 80)}`);
    t.throws(() => pbjsClient.encodeClientFrame(frame), WireEncodeError, `reference: ${JSON.stringify(frame).slice(0, 80)}`);
  }
  // Stricter than protobufjs, which writes a lone surrogate as bytes no strict UTF-8 decoder accepts.
  t.throws(() => encodeMessageBatch([{ ...base, from: 'n\ud800' }]), { name: 'WireEncodeError', field: 'from' }, 'lone surrogate');
  t.throws(() => encodeSnapshotChunk({ streamId: 1, chunkIndex: -1, chunkCount: 2, totalBytes: 1, data: new Uint8Array(1) }), WireEncodeError, 'chunk index -1');
});
