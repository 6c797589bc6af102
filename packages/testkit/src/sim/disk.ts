import { InvariantError, LogState, type Entry, type HardState, type LogWrite, type Snapshot } from '@raftbus/core';

/** One atomic write, as a Ready asks for it: snapshot, then entries, then hard state. */
export type DiskWrite = LogWrite;

export const EMPTY_HARD_STATE: HardState = Object.freeze({ term: 0, vote: '', commit: 0 });

/**
 * One node's simulated disk: only what has been durably written. A crash keeps exactly this, and a
 * restart reads it back. Every write is validated by core's LogState, so the simulated disk accepts
 * and rejects exactly what a real LogStore (memory, RocksDB) would: a Ready that asks for an invalid
 * write fails the run with LogStoreArgumentError.
 *
 * The durable pieces are written through small protected methods so that a test can subclass the disk
 * to plant a bug ("forgets to persist the vote") without touching production code.
 */
export class SimDisk {
  private hs: HardState = EMPTY_HARD_STATE;
  private snap: Snapshot | undefined;
  /** log[k].index === snapshotIndex + 1 + k */
  private log: Entry[] = [];
  /** Lowest index whose durable entry changed since the last takeChangedFrom(); Infinity if none. */
  private changedFrom = Infinity;
  /** The store's in-memory view, rebuilt from the durable content on every open() as a real store does. */
  private shape = new LogState();
  /** Completed atomic writes (crash-lost ones never reach the disk). */
  writeCount = 0;

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

  /** Recover after a restart: rebuild the store's view from what is durable (as LogStore.open does). */
  open(): void {
    const meta = this.snap?.meta;
    this.shape = new LogState({ hardState: this.hs, ...(meta ? { snapshot: meta } : {}), firstIndex: this.snapshotIndex + 1 });
    for (const e of this.log) {
      const problem = this.shape.restoreEntry(e.index, e.term);
      if (problem !== undefined) throw new InvariantError('disk-log-valid', `simulated disk holds an invalid log: ${problem}`);
    }
  }

  /** Apply one Ready's write atomically (the simulator calls this only when the write completes). */
  write(w: DiskWrite): void {
    const plan = this.shape.planWrite(w); // throws LogStoreArgumentError on a contract breach
    if (w.snapshot) this.saveSnapshot(w.snapshot);
    if (w.entries.length > 0) this.saveEntries(w.entries);
    if (w.hardState) this.saveHardState(w.hardState);
    this.shape.apply(plan);
    this.writeCount++;
  }

  /**
   * The application snapshotted its state machine at `snapshot.meta.index`: store it and drop the
   * entries it covers (LogStore: a write of the matching snapshot, then compact).
   */
  compact(snapshot: Snapshot): void {
    if (snapshot.meta.index <= this.snapshotIndex) return;
    this.shape.apply(this.shape.planWrite({ snapshot, entries: [] }));
    this.saveSnapshot(snapshot);
    this.shape.apply(this.shape.planCompact(snapshot.meta.index));
  }

  /** Lowest index whose durable entry changed since the last call (Infinity if none), then resets. */
  takeChangedFrom(): number {
    const from = this.changedFrom;
    this.changedFrom = Infinity;
    return from;
  }

  /**
   * LogStore semantics: a snapshot that agrees with the stored entry at its index keeps the log after
   * it; any other replaces the whole log (the core installs one only when the logs diverged there).
   */
  protected saveSnapshot(snapshot: Snapshot): void {
    const { index, term } = snapshot.meta;
    const keepsLog = this.termAt(index) === term;
    this.log = keepsLog ? this.log.slice(index - this.snapshotIndex) : [];
    this.snap = snapshot;
    if (!keepsLog) this.changedFrom = Math.min(this.changedFrom, 1);
  }

  /** Store `entries`, replacing every stored entry at or after entries[0].index. */
  protected saveEntries(entries: readonly Entry[]): void {
    const first = entries[0]!.index;
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
