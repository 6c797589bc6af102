import type { RaftNode } from '@raftbus/core';
import type { StateMachineDefinition } from '@raftbus/state-machine';
import type { Router } from '../http/router.js';

/**
 * A state machine as the server runs it: the definition, its HTTP routes, and optional background
 * work (the lock service proposes a periodic tick so leases expire while idle).
 */
export interface ServerApp<C, R, Q, QR> {
  readonly name: string;
  readonly definition: StateMachineDefinition<C, R, Q, QR>;
  routes(router: Router, node: RaftNode<C, R, Q, QR>): void;
  /** Start background work on this node; returns a function that stops it. */
  background?(node: RaftNode<C, R, Q, QR>): () => void;
}

// The server holds apps of any type; each app's functions are only ever called with its own node.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyServerApp = ServerApp<any, any, any, any>;

/** `?stale=true` opts a read out of linearizability (served from this node's state now). */
export function readConsistency(query: URLSearchParams): 'linearizable' | 'stale' {
  return query.get('stale') === 'true' ? 'stale' : 'linearizable';
}
