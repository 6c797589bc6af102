import type { Entry, HardState, Snapshot } from '@raftbus/core';
import { InvariantError } from '@raftbus/core';

/** One atomic write, as a Ready asks for it: snapshot, then entries, then hard state. */
export interface DiskWrite {
  readonly snapshot?: Snapshot;
  readonly entries: readonly Entry[];
  readonly hardState?: HardState;
}

export const EMPTY_HARD_STATE: HardState = Object.freeze({ term: 0, vote: '', commit: 0 });

/**
 * One node's simulated disk: only what has been durably written. A crash keeps exactly this, and a
 * restart reads it back. The durable pieces are written through small protected methods so that a test
 * can subclass the disk to plant a bug ("forgets to persist the vote") without touching production code.
 *
 * A snapshot installed from a leader (Ready.snapshot) replaces the whole log: the core installs one
 * only when its entry at the snapshot index is missing or of another term, so every stored entry above
 * it belongs to a diverged history (Raft §7: "discard the entire log"). The LogStore contract in
 * @raftbus/core says instead that such a snapshot replaces only the entries at or below its index;
 * `keepEntriesAboveInstalledSnapshot: true` models that, and the simulator shows it breaks log matching
 * (see the test "LogStore snapshot-install semantics"). An application snapshot (compaction) always
 * drops only the entries it covers.
 */
export class SimDisk {
  private hs: HardState = EMPTY_HARD_STATE;
  private snap: Snapshot | undefined;
  /** log[k].index === snapshotIndex + 1 + k */
  private log: Entry[] = [];
  /** Lowest index whose durable entry changed since the last takeChangedFrom(); Infinity if none. */
  private changedFrom = Infinity;
  /** Completed atomic writes (crash-lost ones are never started here). */
  writeCount = 0;
  private readonly keepEntriesAboveInstalledSnapshot: boolean;

  constructor(options: { readonly keepEntriesAboveInstalledSnapshot?: boolean } = {}) {
    this.keepEntriesAboveInstalledSnapshot = options.keepEntriesAboveInstalledSnapshot ?? false;
  }

  get hardState(): HardState {
    return this.hs;
  }

  get snapshot(): Snapshot | undefined {
    return this.snap;
  }

  get snapshotIndex(): number {
    return this.snap?.meta.index ?? 0;
  }

  get snapshotTerm(): number {
    return this.snap?.meta.term ?? 0;
  }

  get entries(): readonly Entry[] {
    return this.log;
  }

  get lastIndex(): number {
    return this.snapshotIndex + this.log.length;
  }

  /** The durable entry at `index`, or undefined if compacted or absent. */
  entry(index: number): Entry | undefined {
    const k = index - this.snapshotIndex - 1;
    return k >= 0 && k < this.log.length ? this.log[k] : undefined;
  }

  /** Term of the durable entry at `index` (the snapshot's term at its index); undefined if unknown. */
  termAt(index: number): number | undefined {
    if (index === this.snapshotIndex) return this.snapshotTerm;
    return this.entry(index)?.term;
  }

  /** Apply one Ready's write atomically (the simulator calls this only when the write completes). */
  write(w: DiskWrite): void {
    if (w.snapshot) this.saveSnapshot(w.snapshot);
    if (w.entries.length > 0) this.saveEntries(w.entries);
    if (w.hardState) this.saveHardState(w.hardState);
    this.writeCount++;
  }

  /** The application snapshotted its state machine at `snapshot.meta.index`: keep it, drop covered entries. */
  compact(snapshot: Snapshot): void {
    const { index, term } = snapshot.meta;
    if (index <= this.snapshotIndex) return;
    const ours = this.termAt(index);
    if (ours !== term) throw new InvariantError('compact-term-matches', `disk term at ${index} is ${ours}, snapshot says ${term}`);
    this.log = this.log.slice(index - this.snapshotIndex);
    this.snap = snapshot;
  }

  /** Lowest index whose durable entry changed since the last call (Infinity if none), then resets. */
  takeChangedFrom(): number {
    const from = this.changedFrom;
    this.changedFrom = Infinity;
    return from;
  }

  protected saveSnapshot(snapshot: Snapshot): void {
    const index = snapshot.meta.index;
    const keepSuffix = this.keepEntriesAboveInstalledSnapshot && index >= this.snapshotIndex && index < this.lastIndex;
    this.log = keepSuffix ? this.log.slice(index - this.snapshotIndex) : [];
    this.snap = snapshot;
    this.changedFrom = Math.min(this.changedFrom, 1);
  }

  /** Store `entries`, replacing every stored entry at or after entries[0].index. */
  protected saveEntries(entries: readonly Entry[]): void {
    const first = entries[0]!.index;
    if (first <= this.snapshotIndex || first > this.lastIndex + 1) {
      throw new InvariantError('disk-entries-contiguous', `write of ${first}.. onto snapshot ${this.snapshotIndex}, last ${this.lastIndex}`);
    }
    this.log.length = first - this.snapshotIndex - 1;
    for (const e of entries) this.log.push(e);
    this.changedFrom = Math.min(this.changedFrom, first);
  }

  protected saveHardState(hardState: HardState): void {
    this.hs = hardState;
  }
}

/** Builds a node's disk; a scenario passes its own to plant storage bugs. */
export type DiskFactory = (nodeId: string) => SimDisk;

export const defaultDiskFactory: DiskFactory = () => new SimDisk();
