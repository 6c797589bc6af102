import { ApplyError, OutcomeUnknownError } from '@raftbus/core';
import type { ClientOutcome } from '@raftbus/wire';
import { RequestRejectedError } from './errors.js';

/** What to do with a request after one attempt. Pure: decided from the answer and the request's history. */
export type Decision =
  | { readonly action: 'resolve'; readonly result: Uint8Array }
  | { readonly action: 'reject'; readonly error: Error }
  | {
      readonly action: 'retry';
      /** Wait this long first (0: at once). */
      readonly delayMs: number;
      /** Prefer another node than the one that answered (it is not, or cannot reach, the leader). */
      readonly avoidNode: boolean;
      /** New leader knowledge: a node id, '' for "the leader is unknown", undefined for no news. */
      readonly leaderHint: string | undefined;
    };

/** Why an attempt ended without an answer. */
export type LostCause = 'attemptTimeout' | 'disconnected' | 'sendFailed';

export interface RetryHistory {
  /** Attempts of this request that ended in a failure (not counting redirects). */
  readonly failures: number;
  /** Consecutive redirects since the last other outcome. */
  readonly redirectsInARow: number;
}

export interface RetryPolicy {
  readonly backoffMsMin: number;
  readonly backoffMsMax: number;
  /** Nodes configured: more redirects in a row than this means the hints are stale (an election). */
  readonly nodeCount: number;
  /** In [0, 1): spreads the retries of many requests so they do not arrive together. */
  readonly random: () => number;
}

/** Exponential backoff, capped, with jitter in [½, 1] of the step. */
export function backoffMs(failures: number, p: RetryPolicy): number {
  const step = Math.min(p.backoffMsMax, p.backoffMsMin * 2 ** Math.max(0, Math.min(30, failures - 1)));
  return Math.round(step * (0.5 + p.random() / 2));
}

/**
 * The retry rules. Commands always travel with their session (client id, sequence), so re-sending one
 * whose fate is unknown is safe: it applies at most once and a retry returns the first answer. Only
 * answers that a retry would repeat (the state machine refused it, the request is malformed) are final.
 */
export function decide(outcome: ClientOutcome, h: RetryHistory, p: RetryPolicy): Decision {
  switch (outcome.kind) {
    case 'result':
      return { action: 'resolve', result: outcome.result };
    case 'redirect': {
      // Follow at once; a hint that keeps bouncing around every node is stale: wait for the election.
      const delayMs = h.redirectsInARow >= p.nodeCount ? backoffMs(h.redirectsInARow - p.nodeCount + 1, p) : 0;
      return { action: 'retry', delayMs, avoidNode: true, leaderHint: outcome.leaderId };
    }
    case 'error':
      switch (outcome.code) {
        case 'applyFailed':
          return { action: 'reject', error: new ApplyError(outcome.message) };
        case 'badRequest':
        case 'internal':
          return { action: 'reject', error: new RequestRejectedError(outcome.code, outcome.message) };
        case 'sessionExpired':
          return { action: 'reject', error: new OutcomeUnknownError(outcome.message) };
        case 'notLeader':
          // That node knows no leader: an election is on. Ask elsewhere after a pause.
          return { action: 'retry', delayMs: backoffMs(h.failures + 1, p), avoidNode: true, leaderHint: '' };
        case 'stopped':
          return { action: 'retry', delayMs: 0, avoidNode: true, leaderHint: '' };
        case 'outcomeUnknown':
        case 'timeout':
        case 'proposalDropped':
        case 'overloaded':
          return { action: 'retry', delayMs: backoffMs(h.failures + 1, p), avoidNode: false, leaderHint: undefined };
      }
  }
}

/** An attempt that got no answer: try another node at once (its session makes that safe for commands). */
export function decideLost(_cause: LostCause, h: RetryHistory, p: RetryPolicy): Decision {
  // A second loss in a row backs off: the whole cluster may be unreachable for a while. (What a lost
  // connection means for the leader is the connection's business: the client forgets a leader whose
  // connection dropped.)
  const delayMs = h.failures === 0 ? 0 : backoffMs(h.failures, p);
  return { action: 'retry', delayMs, avoidNode: true, leaderHint: undefined };
}
