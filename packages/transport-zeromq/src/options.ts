import type { NodeId } from '@raftbus/core';
import { DEFAULT_MAX_FRAME_BYTES } from '@raftbus/wire';
import { isCurveKey } from './curve.js';
import { ZmqConfigError } from './errors.js';
import type { TransportLogger } from './log.js';
import type { TransportMetrics } from './metrics.js';

export interface PeerAddress {
  /** A ZeroMQ endpoint, e.g. tcp://10.0.0.2:7001. */
  readonly address: string;
  /** Z85 CURVE public key; required for every node when `curve` is set. */
  readonly publicKey?: string;
}

export interface CurveOptions {
  /** This node's key pair (see generateCurveKeyPair). */
  readonly publicKey: string;
  readonly secretKey: string;
  /** Further public keys admitted to this node's ROUTER besides the cluster's (e.g. clients). */
  readonly authorizedClientKeys?: readonly string[];
}

export interface ZmqTransportOptions {
  /** Every node of the cluster (this one included): where it listens, and its public key. */
  readonly peers: Readonly<Record<NodeId, PeerAddress>>;
  /** Endpoint this node's ROUTER binds; default: this node's own `peers` address. */
  readonly bind?: string;
  /** Encrypt and authenticate all peer traffic; only the configured public keys may connect. */
  readonly curve?: CurveOptions;
  readonly metrics?: TransportMetrics;
  /** Where dropped frames and failures are logged (rate-limited). Default: JSON lines on stderr. */
  readonly logger?: TransportLogger;

  /** Bound on messages waiting for one peer's send loop; newer messages are dropped beyond it. */
  readonly maxQueuedMessagesPerPeer?: number;
  /** Bound on messages coalesced into one frame. */
  readonly maxBatchMessages?: number;
  /** Bound on the estimated payload bytes coalesced into one frame (one message may exceed it alone). */
  readonly maxBatchBytes?: number;
  /** Bound on one frame, both ways; the receiver drops and counts larger ones. */
  readonly maxFrameBytes?: number;
  /**
   * How long sends to a peer that cannot take them (not connected yet, restarting, pipe full) are retried
   * before its queue is flushed. Once flushed, later messages fail at once until a send succeeds again.
   */
  readonly sendTimeoutMs?: number;

  /** Snapshot bytes per chunk frame. */
  readonly snapshotChunkBytes?: number;
  /** Chunks sent but not yet acknowledged, per stream. */
  readonly maxSnapshotChunksInFlight?: number;
  /** Bound on one reassembled snapshot (memory held per sending peer). */
  readonly maxSnapshotBytes?: number;
  /** A stream without progress for this long is abandoned, on both sides. */
  readonly snapshotStallTimeoutMs?: number;

  /** First reconnect delay; doubles per failed attempt up to reconnectIntervalMsMax (libzmq backoff). */
  readonly reconnectIntervalMs?: number;
  readonly reconnectIntervalMsMax?: number;
  /** ZMTP heartbeats: a connection silent for heartbeatTimeoutMs is declared dead and re-established. */
  readonly heartbeatIntervalMs?: number;
  readonly heartbeatTimeoutMs?: number;
}

export type ResolvedOptions = Required<Omit<ZmqTransportOptions, 'bind' | 'curve' | 'metrics' | 'logger'>> &
  Pick<ZmqTransportOptions, 'bind' | 'curve'> & { readonly metrics: TransportMetrics; readonly logger: TransportLogger };

/**
 * zeromq.js `sendTimeout` of every peer socket: a socket send never waits; one the peer cannot take now
 * fails at once (EAGAIN or EHOSTUNREACH), and the link retries it from a timer of its own for up to
 * `sendTimeoutMs` (PeerLink.retryLater).
 *
 * Why not let zeromq.js wait: each peer socket both sends and receives, and zeromq.js loses a socket's
 * readable edge when a send waits. A waiting send is retried from a libuv timer when its timeout expires; that retry's
 * zmq_msg_send processes the socket's pending commands, which clears ZeroMQ's edge-triggered descriptor,
 * but it does not then check for readable messages (its fast path does). If a message arrived in that
 * window, the pending receive() is never woken and everything the peer sends afterwards waits in the pipe
 * until this socket sends again. The transport suite caught it (1 run in 10 to 20 with a 200 ms timeout):
 * 400 warm-up heartbeats from n2 sat undelivered at n1 for 8 s and all arrived on n1's next send. With a
 * timeout of 0 a send always takes the fast path, which re-checks readability afterwards.
 */
export const SOCKET_SEND_TIMEOUT_MS = 0;

export const ZMQ_TRANSPORT_DEFAULTS = {
  maxQueuedMessagesPerPeer: 4096,
  maxBatchMessages: 256,
  maxBatchBytes: 1024 * 1024,
  maxFrameBytes: DEFAULT_MAX_FRAME_BYTES,
  sendTimeoutMs: 500,
  snapshotChunkBytes: 256 * 1024,
  maxSnapshotChunksInFlight: 4,
  maxSnapshotBytes: 1024 * 1024 * 1024,
  snapshotStallTimeoutMs: 10_000,
  reconnectIntervalMs: 100,
  reconnectIntervalMsMax: 2_000,
  heartbeatIntervalMs: 1_000,
  heartbeatTimeoutMs: 3_000,
} as const;

function positiveInt(options: Record<string, unknown>, field: keyof typeof ZMQ_TRANSPORT_DEFAULTS): number {
  const value = options[field] ?? ZMQ_TRANSPORT_DEFAULTS[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new ZmqConfigError(field, `must be a positive integer, got ${String(value)}`);
  }
  return value;
}

export function resolveOptions(options: ZmqTransportOptions, metrics: TransportMetrics, logger: TransportLogger): ResolvedOptions {
  const raw = options as unknown as Record<string, unknown>;
  const numbers = Object.fromEntries(
    (Object.keys(ZMQ_TRANSPORT_DEFAULTS) as (keyof typeof ZMQ_TRANSPORT_DEFAULTS)[]).map((k) => [k, positiveInt(raw, k)]),
  ) as Record<keyof typeof ZMQ_TRANSPORT_DEFAULTS, number>;
  if (numbers.snapshotChunkBytes + 4096 > numbers.maxFrameBytes) {
    throw new ZmqConfigError('snapshotChunkBytes', 'a chunk frame must fit in maxFrameBytes (with 4 KiB for its header)');
  }
  if (!options.peers || typeof options.peers !== 'object' || Object.keys(options.peers).length === 0) {
    throw new ZmqConfigError('peers', 'at least this node must be listed');
  }
  for (const [id, peer] of Object.entries(options.peers)) {
    if (!id) throw new ZmqConfigError('peers', 'node ids must be non-empty');
    if (!peer || typeof peer.address !== 'string' || !/^[a-z]+:\/\/./.test(peer.address)) {
      throw new ZmqConfigError(`peers.${id}.address`, `expected a ZeroMQ endpoint such as tcp://127.0.0.1:7001`);
    }
    if (options.curve && !(peer.publicKey && isCurveKey(peer.publicKey))) {
      throw new ZmqConfigError(`peers.${id}.publicKey`, 'a 40-character Z85 CURVE public key is required with curve');
    }
  }
  if (options.curve) {
    for (const field of ['publicKey', 'secretKey'] as const) {
      if (!isCurveKey(options.curve[field] ?? '')) throw new ZmqConfigError(`curve.${field}`, 'expected a 40-character Z85 key');
    }
    for (const key of options.curve.authorizedClientKeys ?? []) {
      if (!isCurveKey(key)) throw new ZmqConfigError('curve.authorizedClientKeys', `not a Z85 key: ${key}`);
    }
  }
  return { ...numbers, peers: options.peers, bind: options.bind, curve: options.curve, metrics, logger };
}
