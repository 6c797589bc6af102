import t, { type Test } from 'tap';
import { MessageType, type Message } from '@raftbus/core';
import { decodeClientFrame, decodeMessageBatch, decodePeerEnvelope, encodeMessageBatch, WireDecodeError } from '../src/index.js';
import * as pbjsPeer from '../src/reference/pbjs-peer.js';
import { RECURSION_DEPTH_MAX } from '../src/proto-reader.js';

/**
 * The protobuf decoding rules, one hand-made frame at a time (the property and fuzz tests cover the
 * space; these name the rules). Where protobufjs has the same rule, the reference must agree.
 */

function varint(value: number): number[] {
  const out: number[] = [];
  while (value >= 0x80) {
    out.push((value % 128) | 0x80);
    value = Math.floor(value / 128);
  }
  out.push(value);
  return out;
}
const tag = (field: number, wireType: number): number[] => varint((field << 3) | wireType);
const vfield = (field: number, value: number): number[] => [...tag(field, 0), ...varint(value)];
const lfield = (field: number, body: number[]): number[] => [...tag(field, 2), ...varint(body.length), ...body];
const str = (s: string): number[] => [...Buffer.from(s, 'utf8')];
const frame = (...bodyParts: number[][]): Uint8Array => new Uint8Array(bodyParts.flat());
/** A PeerFrame { batch { messages: [...] } } from raw Message bodies. */
const batchOf = (...messages: number[][]): number[] => lfield(1, messages.flatMap((m) => lfield(1, m)));

const heartbeatBody = [...vfield(1, 7), ...lfield(2, str('n1')), ...lfield(3, str('n2')), ...vfield(4, 3), ...vfield(7, 17)];
const heartbeat: Message = {
  type: MessageType.Heartbeat, from: 'n1', to: 'n2', term: 3, logTerm: 0, index: 0, commit: 17, entries: [], reject: false, rejectHint: 0,
};

function bothDecode(t: Test, bytes: Uint8Array, expected: Message[], what: string): void {
  t.strictSame(decodeMessageBatch(bytes), expected, `hand: ${what}`);
  t.strictSame(pbjsPeer.decodeMessageBatch(bytes), expected, `reference: ${what}`);
}

function bothReject(t: Test, bytes: Uint8Array, reason: string, what: string): void {
  t.throws(() => decodePeerEnvelope(bytes), { name: 'WireDecodeError', reason }, `hand: ${what}`);
  t.throws(() => pbjsPeer.decodePeerEnvelope(bytes), WireDecodeError, `reference: ${what}`);
}

t.test('unknown fields of every wire type are skipped, at every level', async (t) => {
  const unknowns = [
    ...vfield(99, 2 ** 40), // varint
    ...tag(100, 1), 1, 2, 3, 4, 5, 6, 7, 8, // i64
    ...lfield(101, [1, 2, 3]), // length-delimited
    ...tag(102, 3), ...vfield(1, 5), ...tag(7, 3), ...tag(7, 4), ...tag(102, 4), // group holding a group
    ...tag(103, 5), 1, 2, 3, 4, // i32
  ];
  bothDecode(t, frame(batchOf([...unknowns, ...heartbeatBody, ...unknowns])), [heartbeat], 'in a Message');
  bothDecode(t, frame(lfield(1, [...unknowns, ...lfield(1, heartbeatBody)]), unknowns), [heartbeat], 'in the batch and the frame');
  const entryWithUnknown = [...vfield(1, 5), ...unknowns, ...vfield(2, 3)];
  const append = { ...heartbeat, type: MessageType.Append, entries: [{ index: 5, term: 3, type: 0 as const, data: new Uint8Array(0) }] };
  bothDecode(t, frame(batchOf([...heartbeatBody.slice(0, 0), ...vfield(1, 1), ...heartbeatBody.slice(2), ...lfield(8, entryWithUnknown)])), [append], 'in an Entry');
});

t.test('field order is free; the last value of a scalar wins; non-minimal varints are accepted', async (t) => {
  const reversed = [...vfield(7, 17), ...vfield(4, 3), ...lfield(3, str('n2')), ...lfield(2, str('n1')), ...vfield(1, 7)];
  bothDecode(t, frame(batchOf(reversed)), [heartbeat], 'reversed field order');
  bothDecode(t, frame(batchOf([...heartbeatBody, ...vfield(4, 9), ...vfield(4, 3)])), [heartbeat], 'term written three times');
  bothDecode(t, frame(batchOf([...heartbeatBody.slice(0, -2), ...tag(7, 0), 0x91, 0x80, 0x80, 0x00])), [heartbeat], 'commit 17 in four bytes');
});

t.test('a sub-message seen twice merges; a repeated field appends; the same oneof member twice merges', async (t) => {
  const meta = (index: number, voters: string[]): number[] => lfield(1, [...vfield(1, index), ...lfield(3, voters.flatMap((v) => lfield(1, str(v))))]);
  const snapshotMessage = [...vfield(1, 9), ...lfield(2, str('n1')), ...lfield(3, str('n2'))];
  const split = frame(batchOf([...snapshotMessage, ...lfield(11, meta(5, ['n1'])), ...lfield(11, [...meta(8, ['n2']), ...lfield(2, [1, 2])])]));
  const expected: Message = {
    ...heartbeat,
    type: MessageType.Snapshot,
    term: 0,
    commit: 0,
    snapshot: { meta: { index: 8, term: 0, confState: { voters: ['n1', 'n2'], learners: [], votersOutgoing: [] } }, data: new Uint8Array([1, 2]) },
  };
  bothDecode(t, split, [expected], 'snapshot split over two occurrences');
  bothDecode(t, frame(batchOf(heartbeatBody), batchOf(heartbeatBody, heartbeatBody)), [heartbeat, heartbeat, heartbeat], 'the batch body twice');
});

t.test('a oneof holds its last member: an earlier one is forgotten, invalid content and all', async (t) => {
  const ack = lfield(3, [...vfield(1, 4), ...vfield(2, 1)]);
  const expectedAck = { kind: 'snapshotChunkAck', ack: { streamId: 4, chunkIndex: 1, aborted: false } };
  t.strictSame(decodePeerEnvelope(frame(batchOf(heartbeatBody), ack)), expectedAck, 'batch then ack: the ack');
  t.strictSame(decodePeerEnvelope(frame(ack, batchOf(heartbeatBody))), { kind: 'messages', messages: [heartbeat] }, 'ack then batch: the batch');
  const unknownType = [...vfield(1, 99), ...heartbeatBody.slice(2)];
  const overflow = [...heartbeatBody, ...vfield(4, 2 ** 53)];
  for (const [name, body] of [['an unknown message type', unknownType], ['a term over 2^53', overflow]] as const) {
    const bytes = frame(batchOf(body), ack);
    t.strictSame(decodePeerEnvelope(bytes), expectedAck, `a batch with ${name}, replaced by an ack`);
    t.strictSame(pbjsPeer.decodePeerEnvelope(bytes), expectedAck, `reference: the same`);
    t.throws(() => decodePeerEnvelope(frame(ack, batchOf(body))), WireDecodeError, `the same batch as the last member is rejected`);
  }
  const requests = lfield(1, lfield(1, [...lfield(1, str('c')), ...vfield(4, 2)]));
  const responses = lfield(2, [...lfield(2, str('n1'))]);
  t.strictSame(decodeClientFrame(frame(requests, responses)), { kind: 'responses', responses: [], nodeId: 'n1', leaderId: '' }, 'client frame: last member');
});

t.test('structural damage is malformed, wherever it is', async (t) => {
  const good = frame(batchOf(heartbeatBody));
  bothReject(t, good.subarray(0, good.length - 1), 'malformed', 'truncated in a varint field');
  bothReject(t, frame([0x0a, 0x05, 0x0a, 0x10]), 'malformed', 'a length past the end');
  bothReject(t, frame(batchOf([...heartbeatBody.slice(0, -2), ...tag(7, 0), 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01])), 'malformed', 'an 11-byte varint');
  bothReject(t, frame(batchOf([...heartbeatBody, ...tag(0, 0), 1])), 'malformed', 'field number 0');
  bothReject(t, frame(batchOf([...heartbeatBody, ...tag(60, 4)])), 'malformed', 'an end-group without a start');
  bothReject(t, frame(batchOf([...heartbeatBody, ...tag(60, 6), 1])), 'malformed', 'wire type 6');
  bothReject(t, frame(batchOf([...heartbeatBody, ...tag(60, 3), ...vfield(1, 1)])), 'malformed', 'a group that never ends');
  bothReject(t, frame(batchOf([...heartbeatBody, ...tag(60, 3), ...tag(61, 4)])), 'malformed', 'a group ended by another field number');
  bothReject(t, frame(batchOf([...heartbeatBody.slice(0, 2), ...lfield(2, [0xc3, 0x28]), ...heartbeatBody.slice(6)])), 'malformed', 'invalid UTF-8 in from');
  bothReject(t, frame([0xff, 0xff, 0xff, 0xff, 0x7f, 0x00]), 'malformed', 'a tag over 32 bits');
  const nested = (depth: number): number[] => [...Array.from({ length: depth }, () => tag(70, 3)).flat(), ...Array.from({ length: depth }, () => tag(70, 4)).flat()];
  t.throws(() => decodePeerEnvelope(frame(batchOf([...heartbeatBody, ...nested(RECURSION_DEPTH_MAX)]))), { name: 'WireDecodeError', reason: 'malformed' }, 'groups nested past the bound');
  t.strictSame(decodeMessageBatch(frame(batchOf([...heartbeatBody, ...nested(10)]))), [heartbeat], 'groups nested within it are skipped');
});

t.test('stricter than protobufjs: a known field with the wrong wire type, an unknown varint over ten bytes', async (t) => {
  const wrongType = frame(batchOf([...heartbeatBody, ...lfield(4, [1, 2])]));
  t.throws(() => decodePeerEnvelope(wrongType), { name: 'WireDecodeError', reason: 'malformed', message: /Message field 4 with wire type 2/ });
  t.strictSame(pbjsPeer.decodeMessageBatch(wrongType), [heartbeat], 'the reference skips the field as unknown');
  const overlong = frame(batchOf([...heartbeatBody, ...tag(50, 0), 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]));
  t.throws(() => decodePeerEnvelope(overlong), { name: 'WireDecodeError', reason: 'malformed', message: /varint longer than 10 bytes/ });
  t.strictSame(pbjsPeer.decodeMessageBatch(overlong), [heartbeat], 'the reference skips a varint of any length');
});

t.test('uint64 values: 2^53 - 1 decodes, 2^53 and beyond are invalidField', async (t) => {
  bothDecode(t, frame(batchOf([...heartbeatBody, ...vfield(4, Number.MAX_SAFE_INTEGER)])), [{ ...heartbeat, term: Number.MAX_SAFE_INTEGER }], '2^53 - 1');
  for (const value of [2 ** 53, 2 ** 60, 2 ** 64 - 2 ** 12]) {
    bothReject(t, frame(batchOf([...heartbeatBody, ...vfield(4, value)])), 'invalidField', `term ${value}`);
  }
});

t.test('bytes come out as views of the frame (no copy), at the right offset within a larger buffer', async (t) => {
  const data = new Uint8Array(300).map((_, i) => i & 0xff);
  const msg: Message = { ...heartbeat, type: MessageType.Append, entries: [{ index: 1, term: 1, type: 0, data }] };
  const bytes = encodeMessageBatch([msg]);
  // The frame inside a bigger allocation, as a received Buffer may be.
  const backing = new Uint8Array(bytes.length + 64);
  backing.set(bytes, 37);
  const inner = backing.subarray(37, 37 + bytes.length);
  const decoded = decodeMessageBatch(inner)[0]!;
  const entryData = decoded.entries[0]!.data;
  t.equal(entryData.buffer, backing.buffer, 'the entry data shares the frame memory');
  t.equal(entryData.constructor, Uint8Array, 'a plain Uint8Array, even when the frame is a Buffer');
  t.strictSame(entryData, data, 'with the right bytes');
  t.equal(decodeMessageBatch(Buffer.from(bytes))[0]!.entries[0]!.data.constructor, Uint8Array, 'from a Buffer: still a plain Uint8Array');
});
