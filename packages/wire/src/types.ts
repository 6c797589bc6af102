import type { Message, NodeId } from '@raftbus/core';
import { WireDecodeError } from './errors.js';

/**
 * Default bound on one encoded frame. Appends are bounded by the core's maxMessageBytes (1 MiB by
 * default) and snapshots travel in chunks, so 16 MiB leaves room for a raised maxMessageBytes while
 * keeping one hostile frame from costing more than that much memory.
 */
export const DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

export interface DecodeOptions {
  /** Frames longer than this are rejected with reason 'oversized' before any parsing. */
  readonly maxFrameBytes?: number;
}

/** Throws WireDecodeError('oversized') for a frame over the bound, before any byte of it is parsed. */
export function checkFrameSize(bytes: Uint8Array, options: DecodeOptions | undefined): void {
  const maxFrameBytes = options?.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  if (bytes.byteLength > maxFrameBytes) {
    throw new WireDecodeError('oversized', `${bytes.byteLength} bytes > maxFrameBytes ${maxFrameBytes}`);
  }
}

// ------------------------------------------------------------------------------------------------
// Peer frames

/** One piece of a chunked snapshot message (see the transport's snapshot streaming). */
export interface SnapshotChunk {
  readonly streamId: number;
  readonly chunkIndex: number;
  readonly chunkCount: number;
  readonly totalBytes: number;
  /** Chunk 0 only: the snapshot message, with empty `snapshot.data`. */
  readonly header?: Message;
  readonly data: Uint8Array;
}

/** Receiver → sender: chunks up to `chunkIndex` arrived; or, with `aborted`, give the stream up. */
export interface SnapshotChunkAck {
  readonly streamId: number;
  readonly chunkIndex: number;
  readonly aborted: boolean;
}

/** Everything a peer may send, as plain values. */
export type PeerEnvelope =
  | { readonly kind: 'messages'; readonly messages: Message[] }
  | { readonly kind: 'snapshotChunk'; readonly chunk: SnapshotChunk }
  | { readonly kind: 'snapshotChunkAck'; readonly ack: SnapshotChunkAck };

// ------------------------------------------------------------------------------------------------
// Client frames: between a client (@raftbus/client) and a node's client endpoint.

export type ClientRequestKind = 'command' | 'query' | 'registerSession';

export interface ClientRequest {
  readonly clientId: string;
  /** Session sequence number of a command (from 1); 0 for queries. */
  readonly sequence: number;
  /** Correlates the response on this connection. */
  readonly requestId: number;
  readonly kind: ClientRequestKind;
  readonly payload: Uint8Array;
  /** A query may be served from local state without a ReadIndex round (explicit opt-in). */
  readonly staleReadOk: boolean;
  /** Commands: the client holds the answers of every sequence number below this (0 for queries). */
  readonly ackedBelow: number;
}

export type ClientErrorCode =
  | 'notLeader'
  | 'timeout'
  | 'proposalDropped'
  | 'sessionExpired'
  | 'badRequest'
  | 'internal'
  | 'outcomeUnknown'
  | 'overloaded'
  | 'applyFailed'
  | 'stopped';

export type ClientOutcome =
  | { readonly kind: 'result'; readonly result: Uint8Array }
  | { readonly kind: 'redirect'; readonly leaderId: NodeId; readonly leaderAddress: string }
  | { readonly kind: 'error'; readonly code: ClientErrorCode; readonly message: string };

export interface ClientResponse {
  readonly requestId: number;
  readonly outcome: ClientOutcome;
}

export type ClientFrame =
  | { readonly kind: 'requests'; readonly requests: readonly ClientRequest[] }
  | {
      readonly kind: 'responses';
      readonly responses: readonly ClientResponse[];
      /** The answering node's id. */
      readonly nodeId: NodeId;
      /** The leader the answering node knows; '' when none. */
      readonly leaderId: NodeId;
    };
