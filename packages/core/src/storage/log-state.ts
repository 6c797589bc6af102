import { LogCompactedError, LogStoreArgumentError } from '../errors.js';
import { EntryType, NO_NODE } from '../protocol/types.js';
import type { ConfState, Entry, HardState, SnapshotMeta } from '../protocol/types.js';
import type { LogWrite } from './log-store.js';

/**
 * The shape of a stored log (bounds, the term of every index, snapshot metadata, hard state), kept in memory
 * so a LogStore can validate a write and plan its effect on disk without reading entries back. Every LogStore
 * shares it, so every store accepts and rejects exactly the same calls.
 *
 * A store validates a call with `planWrite`/`planCompact`, performs the plan on its medium, then `apply`s
 * it. Planning is synchronous and the plan is applied before the next call is planned, so concurrent calls
 * are validated in call order against the state the earlier calls will leave.
 */

export const FRESH_HARD_STATE: HardState = { term: 0, vote: NO_NODE, commit: 0 };

/** Inclusive range of log indexes; `first <= last`. */
export interface IndexRange {
  readonly first: number;
  readonly last: number;
}

export interface LogPlan {
  /** The validated write (empty for a compaction). */
  readonly write: LogWrite;
  readonly firstIndex: number;
  readonly lastIndex: number;
  /** True when `firstIndex` or `lastIndex` differ from the current ones. */
  readonly boundsChanged: boolean;
  /** Stored entries at or above the new first index that are not in the new log: remove with the write. */
  readonly removedSuffix?: IndexRange;
  /** Stored entries below the new first index: unreachable from now on; remove whenever convenient. */
  readonly removedPrefix?: IndexRange;
}

/** What a store found on its medium, before its entries are replayed with `restoreEntry`. */
export interface LogStateInit {
  readonly hardState: HardState;
  readonly snapshot?: SnapshotMeta;
  readonly confState?: ConfState;
  /** Index of the first stored entry (the log is empty until entries are restored). */
  readonly firstIndex: number;
}

/** A run of consecutive indexes written in the same term: `termRuns` stays as small as the number of terms. */
interface TermRun {
  index: number;
  readonly term: number;
}

export class LogState {
  hardState: HardState;
  snapshot: SnapshotMeta | undefined;
  confState: ConfState | undefined;
  firstIndex: number;
  lastIndex: number;
  private readonly termRuns: TermRun[] = [];

  constructor(init: LogStateInit = { hardState: FRESH_HARD_STATE, firstIndex: 1 }) {
    this.hardState = init.hardState;
    this.snapshot = init.snapshot;
    this.confState = init.confState;
    this.firstIndex = init.firstIndex;
    this.lastIndex = init.firstIndex - 1;
  }

  /** Append one recovered entry; returns a description of the problem if the stored log is not a valid log. */
  restoreEntry(index: number, term: number): string | undefined {
    if (index !== this.lastIndex + 1) return `expected entry ${this.lastIndex + 1}, found ${index}`;
    const previousTerm = this.termAt(index - 1);
    if (previousTerm !== undefined && term < previousTerm) return `term ${term} after term ${previousTerm}`;
    this.pushTerm(index, term);
    this.lastIndex = index;
    return undefined;
  }

  /** Term of the entry at `index` (or of the snapshot when `index` is its last index); undefined if unknown. */
  termAt(index: number): number | undefined {
    if (this.snapshot !== undefined && index === this.snapshot.index) return this.snapshot.term;
    if (index < this.firstIndex || index > this.lastIndex) return undefined;
    let low = 0;
    let high = this.termRuns.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.termRuns[middle]!.index <= index) low = middle;
      else high = middle - 1;
    }
    return this.termRuns[low]!.term;
  }

  /** Validates a write against the current state and says what it changes; throws LogStoreArgumentError. */
  planWrite(write: LogWrite): LogPlan {
    checkWriteShape(write);
    let firstIndex = this.firstIndex;
    let lastIndex = this.lastIndex;
    let snapshotIndex = this.snapshot?.index ?? 0;
    let removedFrom = Number.POSITIVE_INFINITY;
    let removedPrefix: IndexRange | undefined;
    const currentTerm = write.hardState?.term ?? this.hardState.term;

    if (write.snapshot !== undefined) {
      const meta = write.snapshot.meta;
      this.checkSnapshot(meta, currentTerm);
      if (this.termAt(meta.index) !== meta.term) {
        // The snapshot disagrees with (or runs past) the log: it replaces the whole log.
        if (this.lastIndex >= this.firstIndex) {
          if (meta.index >= this.firstIndex) {
            removedPrefix = { first: this.firstIndex, last: Math.min(meta.index, this.lastIndex) };
          }
          removedFrom = Math.max(this.firstIndex, meta.index + 1);
        }
        firstIndex = meta.index + 1;
        lastIndex = meta.index;
      }
      snapshotIndex = meta.index;
    }

    if (write.entries.length > 0) {
      const first = write.entries[0]!;
      const last = write.entries[write.entries.length - 1]!;
      const at = 'entries[0].index';
      if (first.index <= snapshotIndex) fail(at, `${first.index} is covered by the snapshot at ${snapshotIndex}`);
      if (first.index > lastIndex + 1) fail(at, `${first.index} leaves a gap after the last index ${lastIndex}`);
      if (first.index <= this.hardState.commit) {
        fail(at, `${first.index} would overwrite committed entries (commit ${this.hardState.commit})`);
      }
      const previousTerm = first.index - 1 === snapshotIndex
        ? (write.snapshot?.meta.term ?? this.snapshot?.term ?? 0)
        : this.termAt(first.index - 1) ?? 0;
      if (first.term < previousTerm) fail('entries[0].term', `${first.term} is below the preceding entry's term ${previousTerm}`);
      if (last.term > currentTerm) fail(`entries[${write.entries.length - 1}].term`, `${last.term} exceeds the current term ${currentTerm}`);
      if (lastIndex > last.index) removedFrom = Math.min(removedFrom, last.index + 1);
      lastIndex = last.index;
    }

    if (write.hardState !== undefined) this.checkHardState(write.hardState, lastIndex);

    const removedSuffix = removedFrom <= this.lastIndex ? { first: removedFrom, last: this.lastIndex } : undefined;
    return {
      write,
      firstIndex,
      lastIndex,
      boundsChanged: firstIndex !== this.firstIndex || lastIndex !== this.lastIndex,
      ...(removedSuffix !== undefined ? { removedSuffix } : {}),
      ...(removedPrefix !== undefined ? { removedPrefix } : {}),
    };
  }

  /** Validates `compact(index)`: only entries covered by the stored snapshot may be dropped. */
  planCompact(index: number): LogPlan {
    if (!Number.isSafeInteger(index) || index < 0) fail('index', `${index} is not a non-negative integer`);
    const snapshotIndex = this.snapshot?.index ?? 0;
    if (index > snapshotIndex) fail('index', `${index} is not covered by a snapshot (snapshot index ${snapshotIndex})`);
    const noChange = { write: { entries: [] }, firstIndex: this.firstIndex, lastIndex: this.lastIndex, boundsChanged: false };
    if (index < this.firstIndex) return noChange;
    const removedPrefix = index >= this.firstIndex && this.lastIndex >= this.firstIndex
      ? { first: this.firstIndex, last: Math.min(index, this.lastIndex) }
      : undefined;
    return {
      ...noChange,
      firstIndex: index + 1,
      lastIndex: Math.max(this.lastIndex, index),
      boundsChanged: true,
      ...(removedPrefix !== undefined ? { removedPrefix } : {}),
    };
  }

  /** Adopts a plan made by `planWrite`/`planCompact` on this state (and performed by the store). */
  apply(plan: LogPlan): void {
    const { write } = plan;
    if (write.snapshot !== undefined) this.snapshot = write.snapshot.meta;
    if (plan.firstIndex > this.firstIndex) this.dropTermsBelow(plan.firstIndex);
    if (write.entries.length === 0 && plan.lastIndex < this.lastIndex) this.dropTermsFrom(plan.lastIndex + 1);
    if (write.entries.length > 0) {
      this.dropTermsFrom(write.entries[0]!.index);
      for (const entry of write.entries) this.pushTerm(entry.index, entry.term);
    }
    this.firstIndex = plan.firstIndex;
    this.lastIndex = plan.lastIndex;
    if (this.lastIndex < this.firstIndex) this.termRuns.length = 0;
    if (write.hardState !== undefined) this.hardState = write.hardState;
    if (write.confState !== undefined) this.confState = write.confState;
  }

  /** Validates an `entries(from, toExclusive, maxBytes)` call. */
  checkRange(from: number, toExclusive: number, maxBytes: number | undefined): void {
    if (!Number.isSafeInteger(from) || from < 1) fail('from', `${from} is not a positive integer`);
    if (!Number.isSafeInteger(toExclusive)) fail('toExclusive', `${toExclusive} is not an integer`);
    if (toExclusive < from) fail('toExclusive', `${toExclusive} is below from ${from}`);
    if (maxBytes !== undefined && !(maxBytes >= 0)) fail('maxBytes', `${maxBytes} is not a non-negative number`);
    if (from < this.firstIndex) throw new LogCompactedError(from, this.firstIndex);
    if (toExclusive > this.lastIndex + 1) {
      fail('toExclusive', `${toExclusive} is past the last index ${this.lastIndex} + 1`);
    }
  }

  private checkSnapshot(meta: SnapshotMeta, currentTerm: number): void {
    checkPositive('snapshot.meta.index', meta.index);
    checkPositive('snapshot.meta.term', meta.term);
    checkConfState('snapshot.meta.confState', meta.confState);
    if (meta.term > currentTerm) fail('snapshot.meta.term', `${meta.term} exceeds the current term ${currentTerm}`);
    const stored = this.snapshot;
    if (stored !== undefined && meta.index < stored.index) {
      fail('snapshot.meta.index', `${meta.index} is older than the stored snapshot at ${stored.index}`);
    }
    const termHere = this.termAt(meta.index);
    if (termHere !== undefined && termHere !== meta.term && meta.index <= this.hardState.commit) {
      fail('snapshot.meta.term', `${meta.term} conflicts with committed entry ${meta.index} of term ${termHere}`);
    }
  }

  private checkHardState(hardState: HardState, lastIndexAfter: number): void {
    const stored = this.hardState;
    if (hardState.term < stored.term) fail('hardState.term', `${hardState.term} is below the stored term ${stored.term}`);
    if (hardState.term === stored.term && stored.vote !== NO_NODE && hardState.vote !== stored.vote) {
      fail('hardState.vote', `${JSON.stringify(hardState.vote)} changes the vote ${JSON.stringify(stored.vote)} cast in term ${stored.term}`);
    }
    if (hardState.commit < stored.commit) fail('hardState.commit', `${hardState.commit} is below the stored commit ${stored.commit}`);
    if (hardState.commit > lastIndexAfter) fail('hardState.commit', `${hardState.commit} is past the last index ${lastIndexAfter}`);
  }

  private pushTerm(index: number, term: number): void {
    const last = this.termRuns[this.termRuns.length - 1];
    if (last === undefined || last.term !== term) this.termRuns.push({ index, term });
  }

  private dropTermsFrom(index: number): void {
    while (this.termRuns.length > 0 && this.termRuns[this.termRuns.length - 1]!.index >= index) this.termRuns.pop();
  }

  private dropTermsBelow(index: number): void {
    let keepFrom = 0;
    while (keepFrom + 1 < this.termRuns.length && this.termRuns[keepFrom + 1]!.index <= index) keepFrom++;
    this.termRuns.splice(0, keepFrom);
    if (this.termRuns.length > 0 && this.termRuns[0]!.index < index) this.termRuns[0]!.index = index;
  }
}

function fail(argument: string, detail: string): never {
  throw new LogStoreArgumentError(argument, detail);
}

function isPositiveInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}

function checkPositive(argument: string, value: unknown): void {
  if (!isPositiveInteger(value)) fail(argument, `${String(value)} is not a positive integer`);
}

function checkNonNegative(argument: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) fail(argument, `${String(value)} is not a non-negative integer`);
}

function checkConfState(argument: string, confState: ConfState | undefined): void {
  if (typeof confState !== 'object' || confState === null) fail(argument, 'is not a ConfState');
  for (const field of ['voters', 'learners', 'votersOutgoing'] as const) {
    const ids: unknown = confState[field];
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string' && id !== NO_NODE)) {
      fail(`${argument}.${field}`, 'is not an array of non-empty node ids');
    }
  }
}

/** Types and the internal consistency of one write, before it is compared with the stored log. */
function checkWriteShape(write: LogWrite): void {
  if (typeof write !== 'object' || write === null) fail('write', 'is not a LogWrite');
  if (!Array.isArray(write.entries)) fail('entries', 'is not an array');
  // Runs for every entry a node writes: nothing is allocated unless a check fails (the argument names
  // are built only then; built eagerly, they were 2.5 % of a busy leader's allocations).
  const entries: readonly Entry[] = write.entries;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (!isPositiveInteger(entry.index)) checkPositive(`entries[${i}].index`, entry.index);
    if (!isPositiveInteger(entry.term)) checkPositive(`entries[${i}].term`, entry.term);
    if (entry.type !== EntryType.Normal && entry.type !== EntryType.ConfChange) fail(`entries[${i}].type`, `${String(entry.type)} is not an EntryType`);
    if (!(entry.data instanceof Uint8Array)) fail(`entries[${i}].data`, 'is not a Uint8Array');
    if (i > 0) {
      const previous = entries[i - 1]!;
      if (entry.index !== previous.index + 1) fail(`entries[${i}].index`, `${entry.index} does not follow ${previous.index}`);
      if (entry.term < previous.term) fail(`entries[${i}].term`, `${entry.term} is below the previous entry's term ${previous.term}`);
    }
  }
  if (write.hardState !== undefined) {
    checkNonNegative('hardState.term', write.hardState.term);
    checkNonNegative('hardState.commit', write.hardState.commit);
    if (typeof write.hardState.vote !== 'string') fail('hardState.vote', 'is not a string');
  }
  if (write.snapshot !== undefined) {
    if (typeof write.snapshot.meta !== 'object' || write.snapshot.meta === null) fail('snapshot.meta', 'is missing');
    if (!(write.snapshot.data instanceof Uint8Array)) fail('snapshot.data', 'is not a Uint8Array');
  }
  if (write.confState !== undefined) checkConfState('confState', write.confState);
}
