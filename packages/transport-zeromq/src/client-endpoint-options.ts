import type { EncodedAnswer, NodeId, ProposeOptions, ReadOptions } from '@raftbus/core';
import { noopClientEndpointMetrics, type ClientEndpointMetrics } from './client-endpoint-metrics.js';
import { isCurveKey } from './curve.js';
import { ZmqConfigError } from './errors.js';
import type { TransportLogger } from './log.js';

/** What the endpoint needs of a node. A RaftNode is one. */
export interface ClientEndpointNode {
  readonly id: NodeId;
  /** The leader this node knows ('' when none); its own id when it leads. */
  readonly leader: NodeId;
  readonly isLeader: boolean;
  /** Propose an encoded command; `answer` gets exactly one call with the encoded result or the error. */
  proposeEncodedTo(command: Uint8Array, options: ProposeOptions, answer: EncodedAnswer): void;
  readEncoded(query: Uint8Array, options?: ReadOptions): Promise<Uint8Array>;
}

export interface ClientEndpointCurve {
  /** This node's key pair; clients configure its public key as the server key. */
  readonly publicKey: string;
  readonly secretKey: string;
  /** When set, only these client public keys may connect (ZAP); otherwise any client holding the server key. */
  readonly authorizedClientKeys?: readonly string[];
}

export interface ClientEndpointOptions {
  /** ZeroMQ endpoint the client ROUTER binds (tcp://host:port; port * picks a free one). */
  readonly bind: string;
  /**
   * What a follower does with a command or a linearizable query: 'redirect' answers with the leader's id
   * so the client sends it there (one hop; the default, see the package README for the measurement);
   * 'forward' hands it to the RaftNode, which forwards it to the leader.
   */
  readonly followerMode?: 'redirect' | 'forward';
  /** Requests of one client connection being served at once; more are answered 'overloaded'. */
  readonly maxInFlightPerConnection?: number;
  /** Bound on one client frame, both ways; larger inbound frames are dropped and counted. */
  readonly maxFrameBytes?: number;
  /** Reply frames waiting for the socket; beyond it replies are dropped (the clients retry them). */
  readonly maxQueuedFrames?: number;
  /** Passed to propose/read as their timeout; default: the node's own. */
  readonly requestTimeoutMs?: number;
  readonly curve?: ClientEndpointCurve;
  readonly metrics?: ClientEndpointMetrics;
  /** Where dropped frames are logged (rate-limited). Default: JSON lines on stderr. */
  readonly logger?: TransportLogger;
}

export const CLIENT_ENDPOINT_DEFAULTS = {
  followerMode: 'redirect',
  maxInFlightPerConnection: 8192,
  maxFrameBytes: 4 * 1024 * 1024,
  maxQueuedFrames: 8192,
} as const;

export type ResolvedEndpointOptions = ReturnType<typeof resolveEndpointOptions>;

/** Defaults filled in and every option checked; a bad one is a ZmqConfigError naming it. */
export function resolveEndpointOptions(options: ClientEndpointOptions) {
  const d = CLIENT_ENDPOINT_DEFAULTS;
  if (typeof options.bind !== 'string' || !/^[a-z]+:\/\/./.test(options.bind)) {
    throw new ZmqConfigError('bind', `expected a ZeroMQ endpoint such as tcp://127.0.0.1:9001, got ${String(options.bind)}`);
  }
  const followerMode = options.followerMode ?? d.followerMode;
  if (followerMode !== 'redirect' && followerMode !== 'forward') throw new ZmqConfigError('followerMode', `must be 'redirect' or 'forward'`);
  const int = (field: 'maxInFlightPerConnection' | 'maxFrameBytes' | 'maxQueuedFrames' | 'requestTimeoutMs', fallback: number | undefined) => {
    const v = options[field] ?? fallback;
    if (v !== undefined && (!Number.isSafeInteger(v) || v <= 0)) throw new ZmqConfigError(field, `must be a positive integer, got ${String(v)}`);
    return v;
  };
  const curve = options.curve;
  if (curve) {
    for (const field of ['publicKey', 'secretKey'] as const) {
      if (!isCurveKey(curve[field] ?? '')) throw new ZmqConfigError(`curve.${field}`, 'expected a 40-character Z85 key');
    }
    for (const key of curve.authorizedClientKeys ?? []) {
      if (!isCurveKey(key)) throw new ZmqConfigError('curve.authorizedClientKeys', `not a Z85 key: ${key}`);
    }
  }
  const requestTimeoutMs = int('requestTimeoutMs', undefined);
  return {
    bind: options.bind,
    followerMode,
    maxInFlightPerConnection: int('maxInFlightPerConnection', d.maxInFlightPerConnection)!,
    maxFrameBytes: int('maxFrameBytes', d.maxFrameBytes)!,
    maxQueuedFrames: int('maxQueuedFrames', d.maxQueuedFrames)!,
    metrics: options.metrics ?? noopClientEndpointMetrics,
    ...(curve ? { curve } : {}),
    ...(requestTimeoutMs !== undefined ? { requestTimeoutMs } : {}),
  };
}
