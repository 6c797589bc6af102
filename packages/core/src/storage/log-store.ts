import type { ConfState, Entry, HardState, Snapshot } from '../protocol/types.js';

/** What a LogStore recovered on open: the input of a restarting node. */
export interface StoredState {
  /** Term, vote and commit; `{ term: 0, vote: '', commit: 0 }` for a fresh store. */
  readonly hardState: HardState;
  /** The latest durable snapshot, if any. */
  readonly snapshot?: Snapshot;
  /** Every durable entry after the snapshot, contiguous and in index order. */
  readonly entries: readonly Entry[];
  /** The membership last written with `LogWrite.confState`, if any. */
  readonly confState?: ConfState;
}

/**
 * One durable write, in the order the protocol core requires (see `Ready`): the snapshot first, then the
 * entries (which replace every stored entry at or after `entries[0].index`), then the hard state. The whole
 * write is atomic and synced to disk before the returned promise resolves.
 *
 * A snapshot whose (index, term) matches a stored entry (one this node took itself, or a leader's that
 * agrees with the log) keeps the log; `compact()` later drops the prefix it covers. Any other snapshot
 * replaces the whole log: afterwards the log is empty and the next entry is `snapshot.meta.index + 1`.
 */
export interface LogWrite {
  readonly snapshot?: Snapshot;
  readonly entries: readonly Entry[];
  readonly hardState?: HardState;
  /** Membership to recover on restart when no snapshot carries it (a bootstrap, or an applied change). */
  readonly confState?: ConfState;
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
   * exceeded (at least one entry is returned when any exists in range). Entries below the first stored
   * index reject with LogCompactedError; `toExclusive` past the last index + 1 rejects.
   */
  entries(from: number, toExclusive: number, maxBytes?: number): Promise<Entry[]>;
  /** Drop the entries at or below `index` (they are covered by the stored snapshot). */
  compact(index: number): Promise<void>;
  close(): Promise<void>;
}
