import type { NodeId, Role } from '../protocol/types.js';

/**
 * What the runtime reports. Every method is optional: implement what you need. @raftbus/metrics-prometheus
 * implements all of it; the default does nothing.
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
  proposalFailed?(reason: string): void;
  proposalsPending?(count: number): void;
  snapshotTaken?(index: number, bytes: number): void;
}

export const noopMetrics: Metrics = {};
