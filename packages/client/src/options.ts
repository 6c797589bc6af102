import type { StateMachineDefinition } from '@raftbus/state-machine';
import { ClientConfigError } from './errors.js';

/** A node's client endpoint; `publicKey` (Z85) when it speaks CURVE. */
export interface ClientNodeAddress {
  readonly address: string;
  readonly publicKey?: string;
}

export interface RaftbusClientOptions<C = unknown, R = unknown, Q = unknown, QR = unknown> {
  /** Every node's client endpoint (tcp://host:port), or objects with the node's CURVE public key. */
  readonly nodes: readonly (string | ClientNodeAddress)[];
  /** The cluster's state machine, for `command()` / `query()` with typed values. */
  readonly definition?: StateMachineDefinition<C, R, Q, QR>;
  /** Time a request may take in all, retries included. Default 10000. */
  readonly timeoutMs?: number;
  /** Time one attempt may go unanswered before the request is re-sent (same session) elsewhere. Default 2000. */
  readonly attemptTimeoutMs?: number;
  /** Requests sent and not yet answered; more wait in the client. Default 4096. */
  readonly maxInFlight?: number;
  /** Commands a new one may run ahead of the oldest unanswered (below the nodes' 4096 kept answers). Default 1024. */
  readonly sessionWindow?: number;
  /** Requests waiting for an in-flight slot; beyond it a request fails at once with OverloadedError. Default 100000. */
  readonly maxQueued?: number;
  /** First and largest pause between retries when the cluster has no leader or is overloaded. */
  readonly retryBackoffMsMin?: number;
  readonly retryBackoffMsMax?: number;
  /** Bound on one frame, both ways. Default 4 MiB (the endpoint's default). */
  readonly maxFrameBytes?: number;
  /** The client's CURVE key pair; required when a node has a publicKey unless the node accepts any key (then one is generated). */
  readonly curve?: { readonly publicKey: string; readonly secretKey: string };
}

export const CLIENT_DEFAULTS = {
  timeoutMs: 10_000,
  attemptTimeoutMs: 2_000,
  maxInFlight: 4096,
  sessionWindow: 1024,
  maxQueued: 100_000,
  retryBackoffMsMin: 5,
  retryBackoffMsMax: 500,
  maxFrameBytes: 4 * 1024 * 1024,
} as const;

/** The nodes keep this many unacknowledged answers per session by default (RaftNode maxResponsesPerSession). */
const NODE_ANSWERS_PER_SESSION = 4096;

export type ResolvedClientOptions = { -readonly [K in keyof typeof CLIENT_DEFAULTS]: number } & {
  readonly nodes: readonly ClientNodeAddress[];
};

export function resolveClientOptions(o: RaftbusClientOptions<unknown, unknown, unknown, unknown>): ResolvedClientOptions {
  if (!Array.isArray(o.nodes) || o.nodes.length === 0) throw new ClientConfigError('nodes', 'at least one node address is required');
  const nodes = o.nodes.map((n, i): ClientNodeAddress => {
    const node = typeof n === 'string' ? { address: n } : n;
    if (typeof node?.address !== 'string' || !/^[a-z]+:\/\/./.test(node.address)) {
      throw new ClientConfigError(`nodes[${i}]`, `expected a ZeroMQ endpoint such as tcp://127.0.0.1:9001, got ${JSON.stringify(n)}`);
    }
    return node;
  });
  const numbers = {} as Record<keyof typeof CLIENT_DEFAULTS, number>;
  for (const field of Object.keys(CLIENT_DEFAULTS) as (keyof typeof CLIENT_DEFAULTS)[]) {
    const v = o[field] ?? CLIENT_DEFAULTS[field];
    if (!Number.isSafeInteger(v) || v <= 0) throw new ClientConfigError(field, `must be a positive integer, got ${String(v)}`);
    numbers[field] = v;
  }
  const out: ResolvedClientOptions = { ...numbers, nodes };
  if (out.sessionWindow >= NODE_ANSWERS_PER_SESSION) {
    throw new ClientConfigError('sessionWindow', `must stay below the ${NODE_ANSWERS_PER_SESSION} answers a node keeps per session`);
  }
  if (out.retryBackoffMsMin > out.retryBackoffMsMax) throw new ClientConfigError('retryBackoffMsMin', 'must not exceed retryBackoffMsMax');
  return out;
}
