import { BinaryReader, BinaryWriter } from '@raftbus/state-machine';
import { SequenceMap } from './sequence-map.js';

interface Proposer {
  /** Every request id below this was answered at the proposer: any copy of it arriving now is stale. */
  ackedBelow: number;
  /** Request ids at or above `ackedBelow` already applied. */
  readonly applied: SequenceMap<true>;
  lastActiveLogTimeMs: number;
}

/**
 * Replicated filter that applies each proposal once even if the log holds it twice. A proposal forwarded
 * from a follower travels as a message, and a network may deliver a message twice: the leader would
 * append both copies. Entries carry their proposer's (node, incarnation, request id), so every replica
 * skips the second copy the same way. Part of the replicated state (in snapshots); idle proposers
 * (restarted incarnations) expire by log time.
 */
export class DuplicateFilter {
  private readonly proposers = new Map<string, Proposer>();

  constructor(
    readonly ttlMs: number,
    /** Bound on tracked proposer incarnations; the least recently active is forgotten first. */
    readonly maxProposers: number,
    /** Bound on unacknowledged ids remembered per proposer; beyond it the oldest are treated as acknowledged. */
    readonly maxIdsPerProposer: number,
  ) {}

  /** True if this request was applied before (skip it); otherwise records it and returns false. */
  seen(origin: string, incarnation: number, requestId: number, ackedBelow: number, logTimeMs: number): boolean {
    const p = this.touch(origin, incarnation, logTimeMs);
    if (requestId < p.ackedBelow || p.applied.has(requestId)) return true;
    this.keep(p, requestId);
    if (ackedBelow > p.ackedBelow) {
      p.applied.deleteBelow(ackedBelow);
      p.ackedBelow = ackedBelow;
    }
    return false;
  }

  /**
   * Records `requestId` as applied: at most `maxIdsPerProposer` ids per proposer, over at most twice as
   * many (the memory follows the spread). The oldest beyond either bound are treated as acknowledged.
   */
  private keep(p: Proposer, requestId: number): void {
    const max = this.maxIdsPerProposer;
    p.ackedBelow = Math.max(p.ackedBelow, p.applied.setWithin(requestId, true, max, 2 * max));
  }

  private lastKey = '';
  /** The key last inserted or moved: the map's last entry (if it is still in it). */
  private lastMovedKey = '';
  private lastOrigin = '';
  private lastIncarnation = -1;

  /** The proposer's record, moved to the most recently active end (a no-op in a run from one proposer). */
  private touch(origin: string, incarnation: number, logTimeMs: number): Proposer {
    let key = this.lastKey;
    if (origin !== this.lastOrigin || incarnation !== this.lastIncarnation) {
      key = `${origin}\u0000${incarnation}`;
      this.lastKey = key;
      this.lastOrigin = origin;
      this.lastIncarnation = incarnation;
    }
    let p = this.proposers.get(key);
    if (!p) {
      p = { ackedBelow: 0, applied: new SequenceMap(), lastActiveLogTimeMs: logTimeMs };
      this.proposers.set(key, p);
      this.lastMovedKey = key;
      while (this.proposers.size > this.maxProposers) this.proposers.delete(this.proposers.keys().next().value!);
    } else if (p.lastActiveLogTimeMs !== logTimeMs && key !== this.lastMovedKey) {
      // Keep the map ordered by activity for expiry; entries of one batch share a log time, so this runs
      // once per batch, not once per entry — and not at all when this proposer is already the last entry
      // (a delete and set of a map's only key shrinks and regrows its table every time).
      this.proposers.delete(key);
      this.proposers.set(key, p);
      this.lastMovedKey = key;
    }
    p.lastActiveLogTimeMs = logTimeMs;
    return p;
  }

  expire(nowLogTimeMs: number): void {
    for (const [key, p] of this.proposers) {
      if (nowLogTimeMs - p.lastActiveLogTimeMs <= this.ttlMs) break;
      this.proposers.delete(key);
    }
  }

  encode(w: BinaryWriter): void {
    w.uint(this.proposers.size);
    for (const [key, p] of this.proposers) {
      w.string(key).uint(p.ackedBelow).double(p.lastActiveLogTimeMs).uint(p.applied.size);
      for (const id of p.applied.keys()) w.uint(id);
    }
  }

  decodeFrom(r: BinaryReader): void {
    this.proposers.clear();
    this.lastMovedKey = '';
    for (let n = r.uint(); n > 0; n--) {
      const key = r.string();
      const ackedBelow = r.uint();
      const lastActiveLogTimeMs = r.double();
      const p: Proposer = { ackedBelow, applied: new SequenceMap(), lastActiveLogTimeMs };
      for (let k = r.uint(); k > 0; k--) this.keep(p, r.uint());
      this.proposers.set(key, p);
    }
  }
}
