import { assert } from '../errors.js';
import type { Entry, Snapshot, SnapshotMeta } from './types.js';

/**
 * The in-memory Raft log of one node: an optional snapshot prefix, then contiguous entries.
 *
 * It tracks three positions: `stableIndex` (everything at or below is durable on this node),
 * `committed` and `applied`. Entries above `stableIndex` are "unstable": the next Ready hands them to
 * the driver to persist. The log holds every entry since the last snapshot; the runtime bounds it by
 * taking snapshots (compaction), so memory follows the snapshot policy.
 */
export class RaftLog {
  /** Index and term of the last entry covered by the snapshot (0/0 for none). */
  private snapIndex: number;
  private snapTerm: number;
  /** entries[k].index === snapIndex + 1 + k. */
  private entriesAfterSnap: Entry[];
  /** Snapshot received from a leader and not yet persisted; the next Ready carries it. */
  unstableSnapshot: Snapshot | undefined;
  stableIndex: number;
  committed: number;
  applied: number;

  constructor(snapshot: SnapshotMeta | undefined, entries: readonly Entry[], committed: number, applied: number) {
    this.snapIndex = snapshot?.index ?? 0;
    this.snapTerm = snapshot?.term ?? 0;
    this.entriesAfterSnap = [...entries];
    this.unstableSnapshot = undefined;
    for (let k = 0; k < entries.length; k++) {
      const e = entries[k]!;
      assert(e.index === this.snapIndex + 1 + k, 'log-contiguous', () => `entry ${e.index} at offset ${k} after snapshot ${this.snapIndex}`);
      assert(k === 0 ? e.term >= this.snapTerm : e.term >= entries[k - 1]!.term, 'log-terms-monotonic', () => `entry ${e.index} term ${e.term}`);
    }
    this.stableIndex = this.lastIndex();
    // A persisted commit may lag (it is an optimisation), but never exceed the durable log.
    this.committed = Math.max(Math.min(committed, this.lastIndex()), this.snapIndex);
    this.applied = Math.max(applied, this.snapIndex);
    assert(this.applied <= this.committed, 'applied-le-committed', () => `applied ${this.applied} > committed ${this.committed}`);
  }

  get snapshotIndex(): number {
    return this.snapIndex;
  }

  get snapshotTerm(): number {
    return this.snapTerm;
  }

  /** First index still held as an entry (snapshot index + 1). */
  firstIndex(): number {
    return this.snapIndex + 1;
  }

  lastIndex(): number {
    return this.snapIndex + this.entriesAfterSnap.length;
  }

  lastTerm(): number {
    const n = this.entriesAfterSnap.length;
    return n === 0 ? this.snapTerm : this.entriesAfterSnap[n - 1]!.term;
  }

  /** Term of the entry at `index`, or undefined if it is compacted away (below the snapshot) or absent. */
  term(index: number): number | undefined {
    if (index === this.snapIndex) return this.snapTerm;
    if (index < this.snapIndex || index > this.lastIndex()) return undefined;
    return this.entriesAfterSnap[index - this.snapIndex - 1]!.term;
  }

  matchTerm(index: number, term: number): boolean {
    return this.term(index) === term;
  }

  /** §5.4.1: a candidate's log is at least as up to date as ours. */
  isUpToDate(lastTerm: number, lastIndex: number): boolean {
    const ourTerm = this.lastTerm();
    return lastTerm > ourTerm || (lastTerm === ourTerm && lastIndex >= this.lastIndex());
  }

  entry(index: number): Entry | undefined {
    if (index <= this.snapIndex || index > this.lastIndex()) return undefined;
    return this.entriesAfterSnap[index - this.snapIndex - 1];
  }

  /**
   * Entries in [lo, hi), stopping before the summed data exceeds `maxBytes` or the count reaches
   * `maxEntries` (at least one entry is returned when lo < hi). Undefined if lo is compacted.
   */
  slice(lo: number, hi: number, maxBytes = Infinity, maxEntries = Infinity): Entry[] | undefined {
    if (lo <= this.snapIndex) return undefined;
    hi = Math.min(hi, this.lastIndex() + 1);
    const out: Entry[] = [];
    let bytes = 0;
    for (let i = lo; i < hi && out.length < maxEntries; i++) {
      const e = this.entriesAfterSnap[i - this.snapIndex - 1]!;
      bytes += e.data.length;
      if (out.length > 0 && bytes > maxBytes) break;
      out.push(e);
    }
    return out;
  }

  /** Append entries the leader itself created; they must extend the log directly. */
  appendAsLeader(entries: readonly Entry[]): void {
    for (const e of entries) {
      assert(e.index === this.lastIndex() + 1, 'leader-append-only', () => `appending ${e.index} after ${this.lastIndex()}`);
      this.entriesAfterSnap.push(e);
    }
  }

  /**
   * Follower side of AppendEntries after the consistency check passed at `prevIndex`: skip entries we
   * already hold, truncate at the first conflict, append the rest. Returns the index of the last entry
   * that now matches the leader's message.
   */
  appendFromLeader(prevIndex: number, entries: readonly Entry[]): number {
    let k = 0;
    // Entries at or below the snapshot are committed and already covered.
    while (k < entries.length && entries[k]!.index <= this.snapIndex) k++;
    for (; k < entries.length; k++) {
      const e = entries[k]!;
      const ours = this.term(e.index);
      if (ours === undefined) break; // beyond our last index: append from here
      if (ours !== e.term) {
        assert(e.index > this.committed, 'committed-entry-never-overwritten', () => `conflict at ${e.index} (ours term ${ours}, leader's ${e.term}) ≤ committed ${this.committed}`);
        this.truncateFrom(e.index);
        break;
      }
    }
    for (; k < entries.length; k++) {
      const e = entries[k]!;
      assert(e.index === this.lastIndex() + 1, 'log-contiguous', () => `entry ${e.index} after ${this.lastIndex()}`);
      this.entriesAfterSnap.push(e);
    }
    return prevIndex + entries.length;
  }

  private truncateFrom(index: number): void {
    this.entriesAfterSnap.length = index - this.snapIndex - 1;
    if (this.stableIndex >= index) this.stableIndex = index - 1;
  }

  /**
   * For fast backtracking: the largest index ≤ `index` whose term is ≤ `term` (the first place our
   * log could match a log whose entry at `index` has `term`). Stops at the snapshot.
   */
  findConflictByTerm(index: number, term: number): number {
    index = Math.min(index, this.lastIndex());
    for (; index > this.snapIndex; index--) {
      if (this.term(index)! <= term) return index;
    }
    return index;
  }

  commitTo(index: number): boolean {
    if (index <= this.committed) return false;
    assert(index <= this.lastIndex(), 'commit-le-last-index', () => `commit ${index} > last ${this.lastIndex()}`);
    this.committed = index;
    return true;
  }

  /** Entries persisted by the driver: mark durable up to `index` if the entry there is still of `term`. */
  stableTo(index: number, term: number): void {
    if (index > this.stableIndex && this.term(index) === term) this.stableIndex = index;
  }

  unstableEntries(): Entry[] {
    return this.entriesAfterSnap.slice(this.stableIndex - this.snapIndex);
  }

  /** Committed entries not yet applied, at most `maxBytes` of data (at least one). */
  nextCommitted(maxBytes: number): Entry[] {
    if (this.committed <= this.applied) return [];
    return this.slice(this.applied + 1, this.committed + 1, maxBytes) ?? [];
  }

  appliedTo(index: number): void {
    if (index <= this.applied) return;
    assert(index <= this.committed, 'applied-le-committed', () => `apply ${index} > commit ${this.committed}`);
    this.applied = index;
  }

  /** Replace the whole log with a snapshot from the leader (its entries conflict with or pass ours). */
  restore(snapshot: Snapshot): void {
    const { index, term } = snapshot.meta;
    assert(index > this.committed, 'snapshot-restore-advances-commit', () => `snapshot ${index} ≤ committed ${this.committed}`);
    this.snapIndex = index;
    this.snapTerm = term;
    this.entriesAfterSnap = [];
    this.unstableSnapshot = snapshot;
    this.stableIndex = index;
    this.committed = index;
  }

  /** Drop the entries at or below `index`: the application holds a durable snapshot covering them. */
  compact(index: number, term: number): void {
    if (index <= this.snapIndex) return;
    assert(index <= this.applied, 'compact-le-applied', () => `compact ${index} > applied ${this.applied}`);
    assert(this.term(index) === term, 'compact-term-matches', () => `term at ${index} is ${this.term(index)}, snapshot says ${term}`);
    assert(index <= this.stableIndex, 'compact-le-stable', () => `compact ${index} > stable ${this.stableIndex}`);
    this.entriesAfterSnap = this.entriesAfterSnap.slice(index - this.snapIndex);
    this.snapIndex = index;
    this.snapTerm = term;
  }
}
