import {
  EntryType,
  MessageType,
  type ConfState,
  type Entry,
  type Message,
  type Snapshot,
  type SnapshotMeta,
} from '@raftbus/core';
import { raftbus } from '../../gen/raftbus.js';
import { WireDecodeError, WireEncodeError } from '../errors.js';
import { checkUint64, uint64ToNumber } from './pbjs-int64.js';

import pb = raftbus.wire;

/** Conversions between @raftbus/core values and the generated protobuf shapes. Not exported publicly. */

const TYPE_TO_WIRE: Readonly<Record<MessageType, pb.MessageType>> = {
  [MessageType.Append]: pb.MessageType.APPEND,
  [MessageType.AppendResponse]: pb.MessageType.APPEND_RESPONSE,
  [MessageType.Vote]: pb.MessageType.VOTE,
  [MessageType.VoteResponse]: pb.MessageType.VOTE_RESPONSE,
  [MessageType.PreVote]: pb.MessageType.PRE_VOTE,
  [MessageType.PreVoteResponse]: pb.MessageType.PRE_VOTE_RESPONSE,
  [MessageType.Heartbeat]: pb.MessageType.HEARTBEAT,
  [MessageType.HeartbeatResponse]: pb.MessageType.HEARTBEAT_RESPONSE,
  [MessageType.Snapshot]: pb.MessageType.SNAPSHOT,
  [MessageType.TimeoutNow]: pb.MessageType.TIMEOUT_NOW,
  [MessageType.ReadIndex]: pb.MessageType.READ_INDEX,
  [MessageType.ReadIndexResponse]: pb.MessageType.READ_INDEX_RESPONSE,
  [MessageType.TransferLeader]: pb.MessageType.TRANSFER_LEADER,
  [MessageType.Propose]: pb.MessageType.PROPOSE,
};

/** Indexed by wire enum value; `undefined` for UNSPECIFIED and for values newer than this code. */
const TYPE_FROM_WIRE: readonly (MessageType | undefined)[] = (() => {
  const table: (MessageType | undefined)[] = [];
  for (const [type, wire] of Object.entries(TYPE_TO_WIRE)) table[wire] = type as MessageType;
  return table;
})();

const ENTRY_TYPES: ReadonlySet<number> = new Set(Object.values(EntryType));

// ------------------------------------------------------------------------------------------------
// core → wire

function checkEntry(entry: Entry, i: number): Entry {
  checkUint64(entry.index, `entries[${i}].index`);
  checkUint64(entry.term, `entries[${i}].term`);
  if (!ENTRY_TYPES.has(entry.type)) throw new WireEncodeError(`entries[${i}].type`, `unknown entry type ${entry.type}`);
  return entry;
}

function snapshotToWire(snapshot: Snapshot, data: Uint8Array): pb.Snapshot.$Properties {
  const { meta } = snapshot;
  checkUint64(meta.index, 'snapshot.meta.index');
  checkUint64(meta.term, 'snapshot.meta.term');
  return {
    meta: {
      index: meta.index,
      term: meta.term,
      confState: {
        voters: [...meta.confState.voters],
        learners: [...meta.confState.learners],
        votersOutgoing: [...meta.confState.votersOutgoing],
      },
    },
    data,
  };
}

/**
 * `snapshotData` replaces the snapshot's bytes: the transport passes an empty array when the data
 * travels in chunks. Entries are handed to protobufjs as they are (same field names), without copying.
 */
export function messageToWire(msg: Message, snapshotData?: Uint8Array): pb.Message.$Properties {
  const type = TYPE_TO_WIRE[msg.type];
  if (type === undefined) throw new WireEncodeError('type', `unknown message type ${String(msg.type)}`);
  if (!msg.from || !msg.to) throw new WireEncodeError('from/to', 'node ids must be non-empty');
  msg.entries.forEach(checkEntry);
  const wire: pb.Message.$Properties = {
    type,
    from: msg.from,
    to: msg.to,
    term: checkUint64(msg.term, 'term'),
    logTerm: checkUint64(msg.logTerm, 'logTerm'),
    index: checkUint64(msg.index, 'index'),
    commit: checkUint64(msg.commit, 'commit'),
    entries: msg.entries as Entry[],
    reject: msg.reject,
    rejectHint: checkUint64(msg.rejectHint, 'rejectHint'),
  };
  if (msg.snapshot !== undefined) wire.snapshot = snapshotToWire(msg.snapshot, snapshotData ?? msg.snapshot.data);
  if (msg.context !== undefined) wire.context = msg.context;
  if (msg.transfer !== undefined) wire.transfer = msg.transfer;
  if (msg.transferee !== undefined) wire.transferee = msg.transferee;
  return wire;
}

// ------------------------------------------------------------------------------------------------
// wire → core

/** A plain Uint8Array view of protobufjs' Buffer slice: no copy, and deep-equal to what was sent. */
export function asUint8Array(bytes: Uint8Array): Uint8Array {
  return bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const EMPTY_BYTES = new Uint8Array(0);

/** Generated types mark every field optional (decoded values fall back to defaults on the prototype). */
function bytesOrEmpty(bytes: Uint8Array | null | undefined): Uint8Array {
  return bytes ? asUint8Array(bytes) : EMPTY_BYTES;
}

function entryFromWire(entry: pb.Entry.$Properties, i: number): Entry {
  const type = entry.type ?? EntryType.Normal;
  if (!ENTRY_TYPES.has(type)) throw new WireDecodeError('unknownType', `entries[${i}].type = ${type}`);
  return {
    index: uint64ToNumber(entry.index, `entries[${i}].index`),
    term: uint64ToNumber(entry.term, `entries[${i}].term`),
    type: type as EntryType,
    data: bytesOrEmpty(entry.data),
  };
}

function confStateFromWire(conf: pb.ConfState.$Properties | null | undefined): ConfState {
  return {
    voters: conf?.voters ?? [],
    learners: conf?.learners ?? [],
    votersOutgoing: conf?.votersOutgoing ?? [],
  };
}

export function snapshotMetaFromWire(meta: pb.SnapshotMeta.$Properties | null | undefined): SnapshotMeta {
  if (!meta) throw new WireDecodeError('invalidField', 'snapshot without meta');
  return {
    index: uint64ToNumber(meta.index, 'snapshot.meta.index'),
    term: uint64ToNumber(meta.term, 'snapshot.meta.term'),
    confState: confStateFromWire(meta.confState),
  };
}

/** Throws WireDecodeError for anything raftbus would never send. */
export function messageFromWire(wire: pb.Message.$Properties): Message {
  const type = TYPE_FROM_WIRE[wire.type ?? 0];
  if (type === undefined) throw new WireDecodeError('unknownType', `message type ${wire.type}`);
  if (!wire.from || !wire.to) throw new WireDecodeError('invalidField', 'empty from/to node id');
  if (type === MessageType.Snapshot && !wire.snapshot) {
    throw new WireDecodeError('invalidField', 'snapshot message without a snapshot');
  }
  const msg: { -readonly [K in keyof Message]: Message[K] } = {
    type,
    from: wire.from,
    to: wire.to,
    term: uint64ToNumber(wire.term, 'term'),
    logTerm: uint64ToNumber(wire.logTerm, 'logTerm'),
    index: uint64ToNumber(wire.index, 'index'),
    commit: uint64ToNumber(wire.commit, 'commit'),
    entries: wire.entries?.length ? wire.entries.map(entryFromWire) : [],
    reject: wire.reject ?? false,
    rejectHint: uint64ToNumber(wire.rejectHint, 'rejectHint'),
  };
  if (wire.snapshot) {
    msg.snapshot = { meta: snapshotMetaFromWire(wire.snapshot.meta), data: bytesOrEmpty(wire.snapshot.data) };
  }
  // Presence of proto3 `optional` fields: the decoder sets them as own properties only when on the wire.
  if (wire.context != null) msg.context = asUint8Array(wire.context);
  if (wire.transfer != null) msg.transfer = wire.transfer;
  if (wire.transferee != null) msg.transferee = wire.transferee;
  return msg;
}
