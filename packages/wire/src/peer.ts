import type { Message } from '@raftbus/core';
import { WireDecodeError } from './errors.js';
import { decodePeerEnvelopeFast } from './peer-decode.js';
import { encodeMessageBatchFast, encodeSnapshotChunkAckFast, encodeSnapshotChunkFast } from './peer-encode.js';
import { checkFrameSize, type DecodeOptions, type PeerEnvelope, type SnapshotChunk, type SnapshotChunkAck } from './types.js';

/** Encodes one protocol message as a peer frame (a batch of one). */
export function encodePeerFrame(msg: Message): Uint8Array {
  return encodeMessageBatchFast([msg]);
}

/** Encodes several protocol messages as one frame: one network send instead of many. */
export function encodeMessageBatch(messages: readonly Message[]): Uint8Array {
  return encodeMessageBatchFast(messages);
}

export function encodeSnapshotChunk(chunk: SnapshotChunk): Uint8Array {
  return encodeSnapshotChunkFast(chunk);
}

export function encodeSnapshotChunkAck(ack: SnapshotChunkAck): Uint8Array {
  return encodeSnapshotChunkAckFast(ack);
}

/**
 * The decoders reject bad input with WireDecodeError by construction (the fuzz tests hold them to
 * it). Anything else escaping them is a decoder bug; it still must not take a node down, so it becomes
 * a 'malformed' WireDecodeError whose `cause` is the original error (the only errors with a cause,
 * which is how the fuzz tests tell a bug from a rejection).
 */
export function internalFailure(err: unknown): WireDecodeError {
  if (err instanceof WireDecodeError) return err;
  return new WireDecodeError('malformed', `decoder failure: ${String(err)}`, { cause: err });
}

/** Decodes any peer frame. Throws only WireDecodeError. */
export function decodePeerEnvelope(bytes: Uint8Array, options?: DecodeOptions): PeerEnvelope {
  checkFrameSize(bytes, options);
  try {
    return decodePeerEnvelopeFast(bytes);
  } catch (err) {
    throw internalFailure(err);
  }
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
