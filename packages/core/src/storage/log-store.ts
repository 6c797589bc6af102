import type { Entry, HardState, Snapshot } from '../protocol/types.js';

/** What a LogStore recovered on open: the input of a restarting node. */
export interface StoredState {
  /** Term, vote and commit; `{ term: 0, vote: '', commit: 0 }` for a fresh store. */
  readonly hardState: HardState;
  /** The latest durable snapshot, if any. */
  readonly snapshot?: Snapshot;
  /** Every durable entry after the snapshot, contiguous and in index order. */
  readonly entries: readonly Entry[];
}

/**
 * One durable write, in the order the protocol core requires (see `Ready`): the snapshot first (which
 * replaces every entry at or below its index), then the entries (which replace every stored entry at
 * or after `entries[0].index`), then the hard state. The whole write is atomic and synced to disk
 * before the returned promise resolves.
 */
export interface LogWrite {
  readonly snapshot?: Snapshot;
  readonly entries: readonly Entry[];
  readonly hardState?: HardState;
}

/**
 * Durable storage of a node's Raft log, hard state and latest snapshot. Every implementation passes
 * `logStoreSuite` from @raftbus/testkit.
 */
export interface LogStore {
  /** Open (creating if missing) and recover. A corrupt record rejects with CorruptLogError. */
  open(): Promise<StoredState>;
  /** Make `write` durable (synced) atomically. Concurrent calls may be coalesced into one sync. */
  write(write: LogWrite): Promise<void>;
  /**
   * Entries in [from, toExclusive), in order, stopping early once `maxBytes` of entry data would be
   * exceeded (at least one entry is returned when any exists in range).
   */
  entries(from: number, toExclusive: number, maxBytes?: number): Promise<Entry[]>;
  /** Drop the entries at or below `index` (they are covered by the stored snapshot). */
  compact(index: number): Promise<void>;
  close(): Promise<void>;
}
