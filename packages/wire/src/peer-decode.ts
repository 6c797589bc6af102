import { EntryType, MessageType, type Entry, type Message, type Snapshot } from '@raftbus/core';
import { MESSAGE_TYPE_FROM_WIRE } from './enums.js';
import { WireDecodeError } from './errors.js';
import { ProtoReader } from './proto-reader.js';
import * as T from './tags.js';
import type { PeerEnvelope, SnapshotChunk, SnapshotChunkAck } from './types.js';

/**
 * Hand-written decoder of peer frames: one pass of a cursor over the frame, straight into raftbus
 * values. Protobuf semantics as the spec and protobufjs have them: fields in any order, the last value
 * of a scalar wins, repeated fields append, a sub-message seen twice merges, the last member of a
 * oneof wins, unknown fields are skipped. Structural damage is thrown at once ('malformed'); values
 * raftbus never sends are judged only for the oneof member that wins (see ProtoReader.invalid), so the
 * decoder accepts and rejects exactly the frames the protobufjs reference does, but where protobufjs
 * is lax: a known field with the wrong wire type is 'malformed' (protobufjs skips it as if unknown),
 * and so is an unknown varint field over ten bytes (protobufjs skips a varint of any length).
 * Nesting depths (for the group-skipping bound) count as protobufjs counts them: PeerFrame 0,
 * MessageBatch 1, Message 2, Entry/Snapshot 3, SnapshotMeta 4, ConfState 5.
 */

const EMPTY_BYTES: Uint8Array = new Uint8Array(0);

/**
 * Wire-level fields of one Message while it is read: a chunk header seen twice merges into the same
 * one; batch messages are read one after another into one reused instance (see readBatch).
 */
class MessageFields {
  type = 0;
  from = '';
  to = '';
  term = 0;
  logTerm = 0;
  index = 0;
  commit = 0;
  entries: Entry[] | undefined = undefined;
  reject = false;
  rejectHint = 0;
  snapshot: SnapshotFields | undefined = undefined;
  context: Uint8Array | undefined = undefined;
  transfer: boolean | undefined = undefined;
  transferee: string | undefined = undefined;

  clear(): void {
    this.type = 0;
    this.from = '';
    this.to = '';
    this.term = 0;
    this.logTerm = 0;
    this.index = 0;
    this.commit = 0;
    this.entries = undefined;
    this.reject = false;
    this.rejectHint = 0;
    this.snapshot = undefined;
    this.context = undefined;
    this.transfer = undefined;
    this.transferee = undefined;
  }
}

class SnapshotFields {
  metaSeen = false;
  index = 0;
  term = 0;
  readonly voters: string[] = [];
  readonly learners: string[] = [];
  readonly votersOutgoing: string[] = [];
  data: Uint8Array = EMPTY_BYTES;
}

function readEntry(r: ProtoReader, end: number, depth: number): Entry {
  let index = 0;
  let term = 0;
  let type = 0;
  let data = EMPTY_BYTES;
  while (r.pos < end) {
    const tag = r.tag(end);
    switch (tag) {
      case T.ENTRY_INDEX:
        index = r.uint64(end, 'entry.index');
        break;
      case T.ENTRY_TERM:
        term = r.uint64(end, 'entry.term');
        break;
      case T.ENTRY_TYPE:
        type = r.uint32(end) | 0;
        break;
      case T.ENTRY_DATA:
        data = r.bytes(end);
        break;
      default:
        r.unexpected(tag, end, depth, T.ENTRY_FIELD_MAX, 'Entry');
    }
  }
  if (type !== EntryType.Normal && type !== EntryType.ConfChange) {
    r.reject(new WireDecodeError('unknownType', `entry type ${type}`));
  }
  return { index, term, type: type as EntryType, data };
}

function readConfState(r: ProtoReader, end: number, s: SnapshotFields, depth: number): void {
  while (r.pos < end) {
    const tag = r.tag(end);
    switch (tag) {
      case T.CONF_STATE_VOTERS:
        s.voters.push(r.string(end));
        break;
      case T.CONF_STATE_LEARNERS:
        s.learners.push(r.string(end));
        break;
      case T.CONF_STATE_VOTERS_OUTGOING:
        s.votersOutgoing.push(r.string(end));
        break;
      default:
        r.unexpected(tag, end, depth, T.CONF_STATE_FIELD_MAX, 'ConfState');
    }
  }
}

function readSnapshotMeta(r: ProtoReader, end: number, s: SnapshotFields, depth: number): void {
  s.metaSeen = true;
  while (r.pos < end) {
    const tag = r.tag(end);
    switch (tag) {
      case T.SNAPSHOT_META_INDEX:
        s.index = r.uint64(end, 'snapshot.meta.index');
        break;
      case T.SNAPSHOT_META_TERM:
        s.term = r.uint64(end, 'snapshot.meta.term');
        break;
      case T.SNAPSHOT_META_CONF_STATE:
        readConfState(r, r.lengthEnd(end), s, depth + 1);
        break;
      default:
        r.unexpected(tag, end, depth, T.SNAPSHOT_META_FIELD_MAX, 'SnapshotMeta');
    }
  }
}

function readSnapshot(r: ProtoReader, end: number, s: SnapshotFields, depth: number): void {
  while (r.pos < end) {
    const tag = r.tag(end);
    switch (tag) {
      case T.SNAPSHOT_META:
        readSnapshotMeta(r, r.lengthEnd(end), s, depth + 1);
        break;
      case T.SNAPSHOT_DATA:
        s.data = r.bytes(end);
        break;
      default:
        r.unexpected(tag, end, depth, T.SNAPSHOT_FIELD_MAX, 'Snapshot');
    }
  }
}

function readMessage(r: ProtoReader, end: number, f: MessageFields, depth: number): void {
  while (r.pos < end) {
    const tag = r.tag(end);
    switch (tag) {
      case T.MESSAGE_TYPE:
        f.type = r.uint32(end) | 0;
        break;
      case T.MESSAGE_FROM:
        f.from = r.string(end);
        break;
      case T.MESSAGE_TO:
        f.to = r.string(end);
        break;
      case T.MESSAGE_TERM:
        f.term = r.uint64(end, 'term');
        break;
      case T.MESSAGE_LOG_TERM:
        f.logTerm = r.uint64(end, 'logTerm');
        break;
      case T.MESSAGE_INDEX:
        f.index = r.uint64(end, 'index');
        break;
      case T.MESSAGE_COMMIT:
        f.commit = r.uint64(end, 'commit');
        break;
      case T.MESSAGE_ENTRIES: {
        const entry = readEntry(r, r.lengthEnd(end), depth + 1);
        if (f.entries === undefined) f.entries = [entry];
        else f.entries.push(entry);
        break;
      }
      case T.MESSAGE_REJECT:
        f.reject = r.bool(end);
        break;
      case T.MESSAGE_REJECT_HINT:
        f.rejectHint = r.uint64(end, 'rejectHint');
        break;
      case T.MESSAGE_SNAPSHOT:
        readSnapshot(r, r.lengthEnd(end), (f.snapshot ??= new SnapshotFields()), depth + 1);
        break;
      case T.MESSAGE_CONTEXT:
        f.context = r.bytes(end);
        break;
      case T.MESSAGE_TRANSFER:
        f.transfer = r.bool(end);
        break;
      case T.MESSAGE_TRANSFEREE:
        f.transferee = r.string(end);
        break;
      default:
        r.unexpected(tag, end, depth, T.MESSAGE_FIELD_MAX, 'Message');
    }
  }
}

function snapshotValue(r: ProtoReader, s: SnapshotFields): Snapshot {
  if (!s.metaSeen) r.reject(new WireDecodeError('invalidField', 'snapshot without meta'));
  return {
    meta: { index: s.index, term: s.term, confState: { voters: s.voters, learners: s.learners, votersOutgoing: s.votersOutgoing } },
    data: s.data,
  };
}

/**
 * The raftbus Message of complete fields. For anything raftbus never sends it records a rejection
 * (ProtoReader.reject) and returns a message that is never handed out: the frame is rejected at its
 * end, or its body is replaced by a later oneof member.
 */
function messageValue(r: ProtoReader, f: MessageFields): Message {
  const type = MESSAGE_TYPE_FROM_WIRE[f.type];
  if (type === undefined) r.reject(new WireDecodeError('unknownType', `message type ${f.type}`));
  else if (!f.from || !f.to) r.reject(new WireDecodeError('invalidField', 'empty from/to node id'));
  else if (type === MessageType.Snapshot && !f.snapshot) r.reject(new WireDecodeError('invalidField', 'snapshot message without a snapshot'));
  const msg: { -readonly [K in keyof Message]: Message[K] } = {
    type: type!,
    from: f.from,
    to: f.to,
    term: f.term,
    logTerm: f.logTerm,
    index: f.index,
    commit: f.commit,
    entries: f.entries ?? [],
    reject: f.reject,
    rejectHint: f.rejectHint,
  };
  // Present only when on the wire (proto3 `optional` keeps presence), so absent and empty differ.
  if (f.snapshot) msg.snapshot = snapshotValue(r, f.snapshot);
  if (f.context !== undefined) msg.context = f.context;
  if (f.transfer !== undefined) msg.transfer = f.transfer;
  if (f.transferee !== undefined) msg.transferee = f.transferee;
  return msg;
}

/** Reused for every batch message (decoding is synchronous, never re-entered). */
const batchMessage = new MessageFields();

/** Appends the batch's messages to `out`. A repeated field: each message stands alone, none merges. */
function readBatch(r: ProtoReader, end: number, out: Message[]): void {
  while (r.pos < end) {
    const tag = r.tag(end);
    if (tag === T.MESSAGE_BATCH_MESSAGES) {
      batchMessage.clear();
      readMessage(r, r.lengthEnd(end), batchMessage, 2);
      out.push(messageValue(r, batchMessage));
    } else {
      r.unexpected(tag, end, 1, T.MESSAGE_BATCH_FIELD_MAX, 'MessageBatch');
    }
  }
}

class ChunkFields {
  streamId = 0;
  chunkIndex = 0;
  chunkCount = 0;
  totalBytes = 0;
  header: MessageFields | undefined = undefined;
  data: Uint8Array = EMPTY_BYTES;
}

function readChunk(r: ProtoReader, end: number, c: ChunkFields): void {
  while (r.pos < end) {
    const tag = r.tag(end);
    switch (tag) {
      case T.SNAPSHOT_CHUNK_STREAM_ID:
        c.streamId = r.uint64(end, 'streamId');
        break;
      case T.SNAPSHOT_CHUNK_CHUNK_INDEX:
        c.chunkIndex = r.uint32(end);
        break;
      case T.SNAPSHOT_CHUNK_CHUNK_COUNT:
        c.chunkCount = r.uint32(end);
        break;
      case T.SNAPSHOT_CHUNK_TOTAL_BYTES:
        c.totalBytes = r.uint64(end, 'totalBytes');
        break;
      case T.SNAPSHOT_CHUNK_HEADER:
        readMessage(r, r.lengthEnd(end), (c.header ??= new MessageFields()), 2);
        break;
      case T.SNAPSHOT_CHUNK_DATA:
        c.data = r.bytes(end);
        break;
      default:
        r.unexpected(tag, end, 1, T.SNAPSHOT_CHUNK_FIELD_MAX, 'SnapshotChunk');
    }
  }
}

function chunkValue(r: ProtoReader, c: ChunkFields): SnapshotChunk {
  if (c.chunkCount === 0 || c.chunkIndex >= c.chunkCount) {
    throw new WireDecodeError('invalidField', `chunk ${c.chunkIndex} of ${c.chunkCount}`);
  }
  if ((c.chunkIndex === 0) !== (c.header !== undefined)) {
    throw new WireDecodeError('invalidField', 'the header travels in chunk 0 and only there');
  }
  const chunk: { -readonly [K in keyof SnapshotChunk]: SnapshotChunk[K] } = {
    streamId: c.streamId,
    chunkIndex: c.chunkIndex,
    chunkCount: c.chunkCount,
    totalBytes: c.totalBytes,
    data: c.data,
  };
  if (c.header) {
    const header = messageValue(r, c.header);
    if (!header.snapshot) r.reject(new WireDecodeError('invalidField', 'snapshot chunk header without a snapshot'));
    chunk.header = header;
  }
  return chunk;
}

class AckFields {
  streamId = 0;
  chunkIndex = 0;
  aborted = false;
}

function readAck(r: ProtoReader, end: number, a: AckFields): void {
  while (r.pos < end) {
    const tag = r.tag(end);
    switch (tag) {
      case T.SNAPSHOT_CHUNK_ACK_STREAM_ID:
        a.streamId = r.uint64(end, 'streamId');
        break;
      case T.SNAPSHOT_CHUNK_ACK_CHUNK_INDEX:
        a.chunkIndex = r.uint32(end);
        break;
      case T.SNAPSHOT_CHUNK_ACK_ABORTED:
        a.aborted = r.bool(end);
        break;
      default:
        r.unexpected(tag, end, 1, T.SNAPSHOT_CHUNK_ACK_FIELD_MAX, 'SnapshotChunkAck');
    }
  }
}

/** Decodes any peer frame (the caller checked its size). Throws only WireDecodeError. */
export function decodePeerEnvelopeFast(bytes: Uint8Array): PeerEnvelope {
  const r = new ProtoReader(bytes);
  const end = bytes.length;
  // The body is a oneof: the last member on the wire wins; the same member twice merges.
  let body = 0;
  let messages: Message[] | undefined;
  let chunk: ChunkFields | undefined;
  let ack: AckFields | undefined;
  while (r.pos < end) {
    const tag = r.tag(end);
    if (tag !== T.PEER_FRAME_BATCH && tag !== T.PEER_FRAME_SNAPSHOT_CHUNK && tag !== T.PEER_FRAME_SNAPSHOT_CHUNK_ACK) {
      r.unexpected(tag, end, 0, T.PEER_FRAME_FIELD_MAX, 'PeerFrame');
      continue;
    }
    const bodyEnd = r.lengthEnd(end);
    if (body !== tag) {
      // Another member replaces the body, and with it whatever the previous one held.
      body = tag;
      messages = undefined;
      chunk = undefined;
      ack = undefined;
      r.invalid = undefined;
    }
    if (tag === T.PEER_FRAME_BATCH) readBatch(r, bodyEnd, (messages ??= []));
    else if (tag === T.PEER_FRAME_SNAPSHOT_CHUNK) readChunk(r, bodyEnd, (chunk ??= new ChunkFields()));
    else readAck(r, bodyEnd, (ack ??= new AckFields()));
  }
  let envelope: PeerEnvelope;
  switch (body) {
    case T.PEER_FRAME_BATCH:
      envelope = { kind: 'messages', messages: messages! };
      break;
    case T.PEER_FRAME_SNAPSHOT_CHUNK:
      envelope = { kind: 'snapshotChunk', chunk: chunkValue(r, chunk!) };
      break;
    case T.PEER_FRAME_SNAPSHOT_CHUNK_ACK: {
      const ackValue: SnapshotChunkAck = { streamId: ack!.streamId, chunkIndex: ack!.chunkIndex, aborted: ack!.aborted };
      envelope = { kind: 'snapshotChunkAck', ack: ackValue };
      break;
    }
    default:
      throw new WireDecodeError('unknownType', 'peer frame with no known body');
  }
  if (r.invalid) throw r.invalid;
  return envelope;
}
