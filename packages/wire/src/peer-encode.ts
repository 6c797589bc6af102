import { EntryType, InvariantError, type ConfState, type Entry, type Message, type Snapshot, type SnapshotMeta } from '@raftbus/core';
import { messageTypeToWire } from './enums.js';
import { WireEncodeError } from './errors.js';
import {
  SizeSlots,
  allocFrame,
  checkUint32,
  checkUint64,
  lenFieldSize,
  utf8Length,
  varintSize,
  writeBytesField,
  writeStringField,
  writeVarint,
  writeVarintField,
} from './proto-writer.js';
import * as T from './tags.js';
import type { SnapshotChunk, SnapshotChunkAck } from './types.js';

/**
 * Hand-written encoders of peer frames. They emit exactly what protobufjs' static code emits for the
 * same values (test/codec-equivalence.test.ts checks byte for byte): fields in number order, proto3
 * scalars and non-optional bytes left out when zero/empty, `optional` fields and sub-messages written
 * whenever present, repeated elements always written.
 */

const slots = new SizeSlots();

function isUint64(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function finish(buf: Uint8Array, pos: number): Uint8Array {
  if (pos !== buf.length || !slots.balanced) {
    throw new InvariantError('encoder sizes', `wrote ${pos} of ${buf.length} bytes`);
  }
  return buf;
}

// ------------------------------------------------------------------------------------------------
// Sizing pass: checks every value (WireEncodeError for one that cannot go on the wire) and returns
// body lengths; each nested message reserves its slot before its children reserve theirs.

function entrySize(e: Entry, i: number): number {
  const { index, term, type } = e;
  if (!isUint64(index)) throw new WireEncodeError(`entries[${i}].index`, `${index} is not a safe non-negative integer`);
  if (!isUint64(term)) throw new WireEncodeError(`entries[${i}].term`, `${term} is not a safe non-negative integer`);
  if (type !== EntryType.Normal && type !== EntryType.ConfChange) {
    throw new WireEncodeError(`entries[${i}].type`, `unknown entry type ${type}`);
  }
  let size = 0;
  if (index !== 0) size += 1 + varintSize(index);
  if (term !== 0) size += 1 + varintSize(term);
  if (type !== 0) size += 2;
  const dataBytes = e.data.length;
  if (dataBytes !== 0) size += lenFieldSize(dataBytes);
  return size;
}

function stringListSize(list: readonly string[], field: string): number {
  let size = 0;
  for (let i = 0; i < list.length; i++) size += lenFieldSize(utf8Length(list[i]!, field));
  return size;
}

function confStateSize(conf: ConfState): number {
  const slot = slots.reserve();
  const size =
    stringListSize(conf.voters, 'snapshot.meta.confState.voters') +
    stringListSize(conf.learners, 'snapshot.meta.confState.learners') +
    stringListSize(conf.votersOutgoing, 'snapshot.meta.confState.votersOutgoing');
  slots.set(slot, size);
  return size;
}

function snapshotMetaSize(meta: SnapshotMeta): number {
  const slot = slots.reserve();
  const index = checkUint64(meta.index, 'snapshot.meta.index');
  const term = checkUint64(meta.term, 'snapshot.meta.term');
  let size = lenFieldSize(confStateSize(meta.confState));
  if (index !== 0) size += 1 + varintSize(index);
  if (term !== 0) size += 1 + varintSize(term);
  slots.set(slot, size);
  return size;
}

function snapshotSize(snapshot: Snapshot, withData: boolean): number {
  const slot = slots.reserve();
  let size = lenFieldSize(snapshotMetaSize(snapshot.meta));
  const dataBytes = withData ? snapshot.data.length : 0;
  if (dataBytes !== 0) size += lenFieldSize(dataBytes);
  slots.set(slot, size);
  return size;
}

/** `withSnapshotData` false: the snapshot's bytes stay out (a chunk header; the chunks carry them). */
function messageSize(m: Message, withSnapshotData: boolean): number {
  const slot = slots.reserve();
  if (messageTypeToWire(m.type) === 0) throw new WireEncodeError('type', `unknown message type ${String(m.type)}`);
  if (!m.from || !m.to) throw new WireEncodeError('from/to', 'node ids must be non-empty');
  let size = 2 + lenFieldSize(utf8Length(m.from, 'from')) + lenFieldSize(utf8Length(m.to, 'to'));
  const entries = m.entries;
  for (let i = 0; i < entries.length; i++) size += lenFieldSize(entrySize(entries[i]!, i));
  const term = checkUint64(m.term, 'term');
  const logTerm = checkUint64(m.logTerm, 'logTerm');
  const index = checkUint64(m.index, 'index');
  const commit = checkUint64(m.commit, 'commit');
  const rejectHint = checkUint64(m.rejectHint, 'rejectHint');
  if (term !== 0) size += 1 + varintSize(term);
  if (logTerm !== 0) size += 1 + varintSize(logTerm);
  if (index !== 0) size += 1 + varintSize(index);
  if (commit !== 0) size += 1 + varintSize(commit);
  if (m.reject) size += 2;
  if (rejectHint !== 0) size += 1 + varintSize(rejectHint);
  if (m.snapshot != null) size += lenFieldSize(snapshotSize(m.snapshot, withSnapshotData));
  if (m.context != null) size += lenFieldSize(m.context.length);
  if (m.transfer != null) size += 2;
  if (m.transferee != null) size += lenFieldSize(utf8Length(m.transferee, 'transferee'));
  slots.set(slot, size);
  return size;
}

// ------------------------------------------------------------------------------------------------
// Writing pass: the same walk, in field-number order; the caller has written the field's tag.

function writeEntry(buf: Uint8Array, pos: number, e: Entry, size: number): number {
  pos = writeVarint(buf, pos, size);
  if (e.index !== 0) pos = writeVarintField(buf, pos, T.ENTRY_INDEX, e.index);
  if (e.term !== 0) pos = writeVarintField(buf, pos, T.ENTRY_TERM, e.term);
  if (e.type !== 0) pos = writeVarintField(buf, pos, T.ENTRY_TYPE, e.type);
  if (e.data.length !== 0) pos = writeBytesField(buf, pos, T.ENTRY_DATA, e.data);
  return pos;
}

function writeStringList(buf: Uint8Array, pos: number, tag: number, list: readonly string[]): number {
  for (let i = 0; i < list.length; i++) pos = writeString(buf, pos, tag, list[i]!);
  return pos;
}

function writeString(buf: Uint8Array, pos: number, tag: number, str: string): number {
  // The sizing pass accepted the string, so this cannot throw.
  return writeStringField(buf, pos, tag, str, utf8Length(str, ''));
}

function writeSnapshot(buf: Uint8Array, pos: number, snapshot: Snapshot, withData: boolean): number {
  pos = writeVarint(buf, pos, slots.next());
  const meta = snapshot.meta;
  buf[pos++] = T.SNAPSHOT_META;
  pos = writeVarint(buf, pos, slots.next());
  if (meta.index !== 0) pos = writeVarintField(buf, pos, T.SNAPSHOT_META_INDEX, meta.index);
  if (meta.term !== 0) pos = writeVarintField(buf, pos, T.SNAPSHOT_META_TERM, meta.term);
  buf[pos++] = T.SNAPSHOT_META_CONF_STATE;
  pos = writeVarint(buf, pos, slots.next());
  const conf = meta.confState;
  pos = writeStringList(buf, pos, T.CONF_STATE_VOTERS, conf.voters);
  pos = writeStringList(buf, pos, T.CONF_STATE_LEARNERS, conf.learners);
  pos = writeStringList(buf, pos, T.CONF_STATE_VOTERS_OUTGOING, conf.votersOutgoing);
  if (withData && snapshot.data.length !== 0) pos = writeBytesField(buf, pos, T.SNAPSHOT_DATA, snapshot.data);
  return pos;
}

function writeMessage(buf: Uint8Array, pos: number, m: Message, withSnapshotData: boolean): number {
  pos = writeVarint(buf, pos, slots.next());
  buf[pos++] = T.MESSAGE_TYPE;
  buf[pos++] = messageTypeToWire(m.type);
  pos = writeString(buf, pos, T.MESSAGE_FROM, m.from);
  pos = writeString(buf, pos, T.MESSAGE_TO, m.to);
  if (m.term !== 0) pos = writeVarintField(buf, pos, T.MESSAGE_TERM, m.term);
  if (m.logTerm !== 0) pos = writeVarintField(buf, pos, T.MESSAGE_LOG_TERM, m.logTerm);
  if (m.index !== 0) pos = writeVarintField(buf, pos, T.MESSAGE_INDEX, m.index);
  if (m.commit !== 0) pos = writeVarintField(buf, pos, T.MESSAGE_COMMIT, m.commit);
  const entries = m.entries;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    buf[pos++] = T.MESSAGE_ENTRIES;
    // Recomputed rather than slotted: four comparisons, and the entries are the bulk of the frame.
    pos = writeEntry(buf, pos, e, entrySize(e, i));
  }
  if (m.reject) {
    buf[pos++] = T.MESSAGE_REJECT;
    buf[pos++] = 1;
  }
  if (m.rejectHint !== 0) pos = writeVarintField(buf, pos, T.MESSAGE_REJECT_HINT, m.rejectHint);
  if (m.snapshot != null) {
    buf[pos++] = T.MESSAGE_SNAPSHOT;
    pos = writeSnapshot(buf, pos, m.snapshot, withSnapshotData);
  }
  // Optional: written when present, even empty.
  if (m.context != null) pos = writeBytesField(buf, pos, T.MESSAGE_CONTEXT, m.context);
  if (m.transfer != null) {
    buf[pos++] = T.MESSAGE_TRANSFER;
    buf[pos++] = m.transfer ? 1 : 0;
  }
  if (m.transferee != null) pos = writeString(buf, pos, T.MESSAGE_TRANSFEREE, m.transferee);
  return pos;
}

// ------------------------------------------------------------------------------------------------
// Frames

/** A PeerFrame with a MessageBatch body. */
export function encodeMessageBatchFast(messages: readonly Message[]): Uint8Array {
  slots.reset();
  let batchBytes = 0;
  for (let i = 0; i < messages.length; i++) batchBytes += lenFieldSize(messageSize(messages[i]!, true));
  const buf = allocFrame(lenFieldSize(batchBytes));
  buf[0] = T.PEER_FRAME_BATCH;
  let pos = writeVarint(buf, 1, batchBytes);
  for (let i = 0; i < messages.length; i++) {
    buf[pos++] = T.MESSAGE_BATCH_MESSAGES;
    pos = writeMessage(buf, pos, messages[i]!, true);
  }
  return finish(buf, pos);
}

/** A PeerFrame with a SnapshotChunk body; the header's snapshot data stays out (the chunks carry it). */
export function encodeSnapshotChunkFast(chunk: SnapshotChunk): Uint8Array {
  slots.reset();
  const streamId = checkUint64(chunk.streamId, 'streamId');
  const chunkIndex = checkUint32(chunk.chunkIndex, 'chunkIndex');
  const chunkCount = checkUint32(chunk.chunkCount, 'chunkCount');
  const totalBytes = checkUint64(chunk.totalBytes, 'totalBytes');
  let size = 0;
  if (streamId !== 0) size += 1 + varintSize(streamId);
  if (chunkIndex !== 0) size += 1 + varintSize(chunkIndex);
  if (chunkCount !== 0) size += 1 + varintSize(chunkCount);
  if (totalBytes !== 0) size += 1 + varintSize(totalBytes);
  if (chunk.header) size += lenFieldSize(messageSize(chunk.header, false));
  if (chunk.data.length !== 0) size += lenFieldSize(chunk.data.length);
  const buf = allocFrame(lenFieldSize(size));
  buf[0] = T.PEER_FRAME_SNAPSHOT_CHUNK;
  let pos = writeVarint(buf, 1, size);
  if (streamId !== 0) pos = writeVarintField(buf, pos, T.SNAPSHOT_CHUNK_STREAM_ID, streamId);
  if (chunkIndex !== 0) pos = writeVarintField(buf, pos, T.SNAPSHOT_CHUNK_CHUNK_INDEX, chunkIndex);
  if (chunkCount !== 0) pos = writeVarintField(buf, pos, T.SNAPSHOT_CHUNK_CHUNK_COUNT, chunkCount);
  if (totalBytes !== 0) pos = writeVarintField(buf, pos, T.SNAPSHOT_CHUNK_TOTAL_BYTES, totalBytes);
  if (chunk.header) {
    buf[pos++] = T.SNAPSHOT_CHUNK_HEADER;
    pos = writeMessage(buf, pos, chunk.header, false);
  }
  if (chunk.data.length !== 0) pos = writeBytesField(buf, pos, T.SNAPSHOT_CHUNK_DATA, chunk.data);
  return finish(buf, pos);
}

/** A PeerFrame with a SnapshotChunkAck body. */
export function encodeSnapshotChunkAckFast(ack: SnapshotChunkAck): Uint8Array {
  slots.reset();
  const streamId = checkUint64(ack.streamId, 'streamId');
  const chunkIndex = checkUint32(ack.chunkIndex, 'chunkIndex');
  let size = 0;
  if (streamId !== 0) size += 1 + varintSize(streamId);
  if (chunkIndex !== 0) size += 1 + varintSize(chunkIndex);
  if (ack.aborted) size += 2;
  const buf = allocFrame(lenFieldSize(size));
  buf[0] = T.PEER_FRAME_SNAPSHOT_CHUNK_ACK;
  let pos = writeVarint(buf, 1, size);
  if (streamId !== 0) pos = writeVarintField(buf, pos, T.SNAPSHOT_CHUNK_ACK_STREAM_ID, streamId);
  if (chunkIndex !== 0) pos = writeVarintField(buf, pos, T.SNAPSHOT_CHUNK_ACK_CHUNK_INDEX, chunkIndex);
  if (ack.aborted) {
    buf[pos++] = T.SNAPSHOT_CHUNK_ACK_ABORTED;
    buf[pos++] = 1;
  }
  return finish(buf, pos);
}
