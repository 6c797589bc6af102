import { assert } from '../errors.js';
import { JointConfig } from './quorum.js';
import type { ConfState, NodeId } from './types.js';

export const ProgressState = {
  /** We do not know where the follower's log matches ours: one append at a time until it answers. */
  Probe: 'probe',
  /** Logs match up to `match`: stream appends optimistically, bounded by the inflight window. */
  Replicate: 'replicate',
  /** The follower needs entries we compacted away: a snapshot is on its way; send nothing else. */
  Snapshot: 'snapshot',
} as const;
export type ProgressState = (typeof ProgressState)[keyof typeof ProgressState];

/** A bounded FIFO of the last index of each append message in flight to one follower. */
export class Inflights {
  private readonly lastIndexes: number[] = [];

  constructor(readonly capacity: number) {
    assert(capacity >= 1, 'inflights-capacity', () => `capacity ${capacity}`);
  }

  get count(): number {
    return this.lastIndexes.length;
  }

  full(): boolean {
    return this.lastIndexes.length >= this.capacity;
  }

  add(lastIndex: number): void {
    assert(!this.full(), 'inflights-not-full', () => `adding ${lastIndex} to a full window`);
    this.lastIndexes.push(lastIndex);
  }

  /** The follower acknowledged everything up to `index`: those messages are no longer in flight. */
  freeLE(index: number): void {
    let k = 0;
    while (k < this.lastIndexes.length && this.lastIndexes[k]! <= index) k++;
    if (k > 0) this.lastIndexes.splice(0, k);
  }

  reset(): void {
    this.lastIndexes.length = 0;
  }
}

/** The leader's view of one follower's log (etcd-io/raft's tracker.Progress). */
export class Progress {
  /** Highest index known to match the leader's log on this follower. */
  match = 0;
  /** Next index to send. */
  next: number;
  state: ProgressState = ProgressState.Probe;
  /** Probe state: an append is outstanding; wait for its answer or a heartbeat response. */
  probeSent = false;
  /** Snapshot state: index of the snapshot sent. */
  pendingSnapshot = 0;
  /** Heard from since the last check-quorum round. */
  recentActive = false;
  /** Heartbeat responses since `match` last advanced while behind (detects lost appends/snapshots). */
  stalledHeartbeats = 0;
  readonly inflights: Inflights;

  constructor(next: number, maxInflightMessages: number) {
    this.next = next;
    this.inflights = new Inflights(maxInflightMessages);
  }

  private resetState(state: ProgressState): void {
    this.state = state;
    this.probeSent = false;
    this.stalledHeartbeats = 0;
    this.pendingSnapshot = 0;
    this.inflights.reset();
  }

  becomeProbe(): void {
    // After a snapshot the follower holds at least the snapshot: probe from just past it.
    if (this.state === ProgressState.Snapshot) {
      const pending = this.pendingSnapshot;
      this.resetState(ProgressState.Probe);
      this.next = Math.max(this.match + 1, pending + 1);
    } else {
      this.resetState(ProgressState.Probe);
      this.next = this.match + 1;
    }
  }

  becomeReplicate(): void {
    this.resetState(ProgressState.Replicate);
    this.next = this.match + 1;
  }

  becomeSnapshot(snapshotIndex: number): void {
    this.resetState(ProgressState.Snapshot);
    this.pendingSnapshot = snapshotIndex;
  }

  /** An append was acknowledged up to `index`. Returns whether `match` advanced. */
  maybeUpdate(index: number): boolean {
    let updated = false;
    if (this.match < index) {
      this.match = index;
      updated = true;
      this.probeSent = false;
    }
    this.next = Math.max(this.next, index + 1);
    return updated;
  }

  /**
   * An append at `rejected` was refused; the follower suggests its log may match at `matchHint`.
   * Returns false for a stale rejection (one about a message we already know the outcome of).
   */
  maybeDecrTo(rejected: number, matchHint: number): boolean {
    if (this.state === ProgressState.Replicate) {
      if (rejected <= this.match) return false; // stale: we already know it matches there
      this.next = this.match + 1;
      return true;
    }
    // Probe: only the answer to the append we sent (at next - 1) is news.
    if (this.next - 1 !== rejected) return false;
    this.next = Math.max(Math.min(rejected, matchHint + 1), this.match + 1, 1);
    this.probeSent = false;
    return true;
  }

  isPaused(): boolean {
    switch (this.state) {
      case ProgressState.Probe:
        return this.probeSent;
      case ProgressState.Replicate:
        return this.inflights.full();
      case ProgressState.Snapshot:
        return true;
    }
  }

  /** Record an append of `count` entries ending at `lastIndex` (count 0 = probe/empty). */
  sentEntries(count: number, lastIndex: number): void {
    if (this.state === ProgressState.Replicate) {
      if (count > 0) {
        this.next = lastIndex + 1;
        this.inflights.add(lastIndex);
      }
    } else if (this.state === ProgressState.Probe) {
      this.probeSent = true;
    }
  }
}

/** Membership and every member's progress, as seen by this node. */
export class ProgressTracker {
  config: JointConfig;
  learners: ReadonlySet<NodeId>;
  readonly progress = new Map<NodeId, Progress>();
  /** Votes received in the current campaign. */
  readonly votes = new Map<NodeId, boolean>();

  constructor(
    conf: ConfState,
    private readonly maxInflightMessages: number,
  ) {
    this.config = new JointConfig(conf);
    this.learners = new Set(conf.learners);
  }

  /** Everyone we replicate to: voters of both halves and learners. */
  memberIds(): NodeId[] {
    return [...new Set([...this.config.voterIds(), ...this.learners])];
  }

  isMember(id: NodeId): boolean {
    return this.config.isVoter(id) || this.learners.has(id);
  }

  /** Fresh progress for every member (on becoming leader): next = lastIndex + 1, match unknown. */
  resetProgress(lastIndex: number): void {
    this.progress.clear();
    for (const id of this.memberIds()) this.progress.set(id, new Progress(lastIndex + 1, this.maxInflightMessages));
  }

  committedIndex(): number {
    return this.config.committedIndex((id) => this.progress.get(id)?.match);
  }

  resetVotes(): void {
    this.votes.clear();
  }

  recordVote(id: NodeId, granted: boolean): void {
    if (!this.votes.has(id)) this.votes.set(id, granted);
  }

  voteResult() {
    return this.config.voteResult((id) => this.votes.get(id));
  }

  /** Check-quorum: has a quorum of voters been heard from (self always counts)? */
  quorumActive(self: NodeId): boolean {
    return this.config.voteResult((id) => id === self || (this.progress.get(id)?.recentActive ?? false)) === 'won';
  }
}
