import type { Message } from '@raftbus/core';
import { raftbus } from '../../gen/raftbus.js';
import { WireDecodeError } from '../errors.js';
import { DEFAULT_MAX_FRAME_BYTES, type DecodeOptions, type PeerEnvelope, type SnapshotChunk, type SnapshotChunkAck } from '../types.js';
import { checkUint64, uint64ToNumber } from './pbjs-int64.js';
import { asUint8Array, messageFromWire, messageToWire } from './pbjs-message.js';
import { numberReader } from './pbjs-reader.js';

import pb = raftbus.wire;

/**
 * The reference codec: raftbus' peer frames through the protobufjs static code generated from the
 * schema (gen/). Not on any hot path: the package's encoders and decoders are the hand-written ones;
 * tests check them against this byte for byte and value for value, and bench/codec-bench.mjs
 * compares their speed.
 */

/** Encodes one protocol message as a peer frame (a batch of one). */
export function encodePeerFrame(msg: Message): Uint8Array {
  return encodeMessageBatch([msg]);
}

/** Encodes several protocol messages as one frame: one network send instead of many. */
export function encodeMessageBatch(messages: readonly Message[]): Uint8Array {
  return pb.PeerFrame.encode({ batch: { messages: messages.map((m) => messageToWire(m)) } }).finish();
}

export function encodeSnapshotChunk(chunk: SnapshotChunk): Uint8Array {
  const wire: pb.SnapshotChunk.$Properties = {
    streamId: checkUint64(chunk.streamId, 'streamId'),
    chunkIndex: chunk.chunkIndex,
    chunkCount: chunk.chunkCount,
    totalBytes: checkUint64(chunk.totalBytes, 'totalBytes'),
    data: chunk.data,
  };
  if (chunk.header) wire.header = messageToWire(chunk.header, new Uint8Array(0));
  return pb.PeerFrame.encode({ snapshotChunk: wire }).finish();
}

export function encodeSnapshotChunkAck(ack: SnapshotChunkAck): Uint8Array {
  return pb.PeerFrame.encode({
    snapshotChunkAck: { streamId: checkUint64(ack.streamId, 'streamId'), chunkIndex: ack.chunkIndex, aborted: ack.aborted },
  }).finish();
}

/** Parses protobuf, turning every protobufjs failure (plain Error/RangeError) into WireDecodeError. */
export function parseBounded<T>(bytes: Uint8Array, options: DecodeOptions | undefined, parse: (b: Uint8Array) => T): T {
  const maxFrameBytes = options?.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  if (bytes.byteLength > maxFrameBytes) {
    throw new WireDecodeError('oversized', `${bytes.byteLength} bytes > maxFrameBytes ${maxFrameBytes}`);
  }
  try {
    return parse(bytes);
  } catch (err) {
    if (err instanceof WireDecodeError) throw err;
    throw new WireDecodeError('malformed', err instanceof Error ? err.message : String(err), { cause: err });
  }
}

function chunkFromWire(wire: pb.SnapshotChunk.$Properties): SnapshotChunk {
  const chunkCount = wire.chunkCount ?? 0;
  const chunkIndex = wire.chunkIndex ?? 0;
  if (chunkCount === 0 || chunkIndex >= chunkCount) {
    throw new WireDecodeError('invalidField', `chunk ${chunkIndex} of ${chunkCount}`);
  }
  if ((chunkIndex === 0) !== Boolean(wire.header)) {
    throw new WireDecodeError('invalidField', 'the header travels in chunk 0 and only there');
  }
  const chunk: { -readonly [K in keyof SnapshotChunk]: SnapshotChunk[K] } = {
    streamId: uint64ToNumber(wire.streamId, 'streamId'),
    chunkIndex,
    chunkCount,
    totalBytes: uint64ToNumber(wire.totalBytes, 'totalBytes'),
    data: wire.data ? asUint8Array(wire.data) : new Uint8Array(0),
  };
  if (wire.header) {
    const header = messageFromWire(wire.header);
    if (!header.snapshot) throw new WireDecodeError('invalidField', 'snapshot chunk header without a snapshot');
    chunk.header = header;
  }
  return chunk;
}

/** Decodes any peer frame. Throws only WireDecodeError. */
export function decodePeerEnvelope(bytes: Uint8Array, options?: DecodeOptions): PeerEnvelope {
  return parseBounded(bytes, options, (b): PeerEnvelope => {
    const frame = pb.PeerFrame.decode(numberReader(b));
    if (frame.batch) return { kind: 'messages', messages: (frame.batch.messages ?? []).map(messageFromWire) };
    if (frame.snapshotChunk) return { kind: 'snapshotChunk', chunk: chunkFromWire(frame.snapshotChunk) };
    if (frame.snapshotChunkAck) {
      const ack = frame.snapshotChunkAck;
      return {
        kind: 'snapshotChunkAck',
        ack: { streamId: uint64ToNumber(ack.streamId, 'streamId'), chunkIndex: ack.chunkIndex ?? 0, aborted: ack.aborted ?? false },
      };
    }
    throw new WireDecodeError('unknownType', 'peer frame with no known body');
  });
}

/** Decodes a frame made by encodePeerFrame: exactly one protocol message. Throws only WireDecodeError. */
export function decodePeerFrame(bytes: Uint8Array, options?: DecodeOptions): Message {
  const envelope = decodePeerEnvelope(bytes, options);
  if (envelope.kind !== 'messages' || envelope.messages.length !== 1) {
    throw new WireDecodeError('unknownType', `expected one protocol message, got a ${envelope.kind} frame`);
  }
  return envelope.messages[0]!;
}

/** Decodes a batch frame (encodeMessageBatch). Throws only WireDecodeError. */
export function decodeMessageBatch(bytes: Uint8Array, options?: DecodeOptions): Message[] {
  const envelope = decodePeerEnvelope(bytes, options);
  if (envelope.kind !== 'messages') throw new WireDecodeError('unknownType', `expected messages, got ${envelope.kind}`);
  return envelope.messages;
}

