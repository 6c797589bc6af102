import type { JointConfig } from './quorum.js';
import type { NodeId } from './types.js';

interface PendingRead {
  /** Heartbeat round that must be acknowledged by a quorum before this read is safe. */
  readonly round: number;
  /** The leader's commit index when the read arrived: the read is served at (at least) this index. */
  readonly index: number;
  /** Who asked: this node, or a follower that forwarded the read. */
  readonly from: NodeId;
  readonly context: Uint8Array;
}

export interface ConfirmedRead {
  readonly index: number;
  readonly from: NodeId;
  readonly context: Uint8Array;
}

/**
 * ReadIndex bookkeeping on a leader (§6.4 of the Raft thesis). Each read is tagged with a heartbeat
 * round; a heartbeat response for round r proves the follower still followed us after every read of
 * round ≤ r was registered. Once a quorum has acknowledged round r, those reads are confirmed in order.
 * Rounds are per leadership term: a new term starts from a fresh ReadOnly.
 */
export class ReadOnly {
  private round = 0;
  private readonly pending: PendingRead[] = [];
  /** Highest round each follower has acknowledged in this term. */
  private readonly acked = new Map<NodeId, number>();

  constructor(private readonly maxPendingReads: number) {}

  get currentRound(): number {
    return this.round;
  }

  get size(): number {
    return this.pending.length;
  }

  isFull(): boolean {
    return this.pending.length >= this.maxPendingReads;
  }

  /** Register a read at `index`; returns the round whose heartbeats must confirm it. */
  add(index: number, from: NodeId, context: Uint8Array): number {
    this.round++;
    this.pending.push({ round: this.round, index, from, context });
    return this.round;
  }

  /** A follower answered a heartbeat of `round`. Returns the reads that are now confirmed. */
  ack(from: NodeId, round: number, self: NodeId, config: JointConfig): ConfirmedRead[] {
    if (round <= (this.acked.get(from) ?? 0)) return [];
    this.acked.set(from, round);
    const confirmedRound = config.committedIndex((id) => (id === self ? this.round : this.acked.get(id)));
    let k = 0;
    while (k < this.pending.length && this.pending[k]!.round <= confirmedRound) k++;
    return this.pending.splice(0, k);
  }
}
