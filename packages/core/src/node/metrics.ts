import type { NodeId, Role } from '../protocol/types.js';

/**
 * Why a proposal made on this node failed (the reason label of raftbus_proposals_failed_total):
 * superseded (a new leader put another entry at its index), timeout (no leader to send it to in time),
 * outcome_unknown (it left the node and no answer came: deadline, snapshot, or the node stopped),
 * dropped (the leader refused it: a bound, or a transfer in progress), overloaded (too many pending),
 * stopped (the node stopped before it left). A command the state machine rejected is not a failure here.
 */
export type ProposalFailureReason = 'superseded' | 'timeout' | 'outcome_unknown' | 'dropped' | 'overloaded' | 'stopped';

/**
 * What the runtime reports. Every method is optional: implement what you need. @raftbus/metrics-prometheus
 * implements all of it; the default does nothing. Calls are synchronous and made per Ready, per batch or
 * per tick (never per entry): keep them cheap.
 */
export interface Metrics {
  roleChanged?(role: Role, leader: NodeId, term: number): void;
  /** Commit and applied indexes after each Ready. */
  indexes?(commit: number, applied: number, term: number): void;
  /** One synced LogStore write: its duration and size. */
  logWrite?(seconds: number, entries: number, bytes: number): void;
  /** Committed entries applied in one batch, and how long applying took. */
  applied?(entries: number, seconds: number): void;
  /** A proposal made on this node was committed (with its propose → apply latency) or failed. */
  proposalCommitted?(seconds: number): void;
  proposalFailed?(reason: ProposalFailureReason): void;
  proposalsPending?(count: number): void;
  snapshotTaken?(index: number, bytes: number): void;
  /** A snapshot received from the leader replaced this node's state. */
  snapshotInstalled?(index: number, bytes: number): void;
  /**
   * Leader only: a heartbeat to `peer` was answered `seconds` after it was sent. Measured at the Raft
   * layer, so it includes both event loops as well as the network.
   */
  peerRoundTrip?(peer: NodeId, seconds: number): void;
  /** Leader only, every tick: how many entries `peer` is behind this node's last index. */
  followerLag?(peer: NodeId, entries: number): void;
}

export const noopMetrics: Metrics = {};
