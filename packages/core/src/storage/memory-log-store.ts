import { LogStoreStateError } from '../errors.js';
import type { ConfState, Entry, HardState, Snapshot } from '../protocol/types.js';
import { FRESH_HARD_STATE, LogState } from './log-state.js';
import type { LogPlan } from './log-state.js';
import type { LogStore, LogWrite, StoredState } from './log-store.js';

/**
 * The "disk" of a MemoryLogStore. It outlives the store that writes it, so a test can close a store and
 * open a new one over the same storage to check recovery. Everything in it is a private copy.
 */
export class MemoryLogStorage {
  hardState: HardState = FRESH_HARD_STATE;
  snapshot: Snapshot | undefined;
  confState: ConfState | undefined;
  firstIndex = 1;
  /** entries[i] has index firstIndex + i. */
  entries: Entry[] = [];
  /** The store that has this storage open; a second one would see writes it did not validate. */
  owner: MemoryLogStore | undefined;
}

type Status = 'unopened' | 'open' | 'closed';

/**
 * A LogStore in memory, for tests, the simulator and embedded single-process use. Writes are atomic and
 * "durable" as long as the MemoryLogStorage object lives. It accepts and rejects exactly what the RocksDB
 * store does (both validate with LogState).
 */
export class MemoryLogStore implements LogStore {
  private status: Status = 'unopened';
  private state = new LogState();

  constructor(readonly storage: MemoryLogStorage = new MemoryLogStorage()) {}

  async open(): Promise<StoredState> {
    if (this.status !== 'unopened') throw new LogStoreStateError(this.status, 'open() may be called once');
    if (this.storage.owner !== undefined) throw new LogStoreStateError('unopened', 'the storage is open in another MemoryLogStore');
    const { storage } = this;
    this.state = new LogState({
      hardState: storage.hardState,
      firstIndex: storage.firstIndex,
      ...(storage.snapshot !== undefined ? { snapshot: storage.snapshot.meta } : {}),
      ...(storage.confState !== undefined ? { confState: storage.confState } : {}),
    });
    for (const entry of storage.entries) this.state.restoreEntry(entry.index, entry.term);
    storage.owner = this;
    this.status = 'open';
    const snapshotIndex = storage.snapshot?.meta.index ?? 0;
    return {
      hardState: storage.hardState,
      entries: storage.entries.filter((entry) => entry.index > snapshotIndex).map(copyEntry),
      ...(storage.snapshot !== undefined ? { snapshot: copySnapshot(storage.snapshot) } : {}),
      ...(storage.confState !== undefined ? { confState: storage.confState } : {}),
    };
  }

  async write(write: LogWrite): Promise<void> {
    this.checkOpen();
    const plan = this.state.planWrite(write);
    this.perform(plan);
    this.state.apply(plan);
  }

  async entries(from: number, toExclusive: number, maxBytes?: number): Promise<Entry[]> {
    this.checkOpen();
    this.state.checkRange(from, toExclusive, maxBytes);
    const result: Entry[] = [];
    let bytes = 0;
    for (let index = from; index < toExclusive; index++) {
      const entry = this.storage.entries[index - this.storage.firstIndex]!;
      bytes += entry.data.byteLength;
      if (result.length > 0 && maxBytes !== undefined && bytes > maxBytes) break;
      result.push(copyEntry(entry));
    }
    return result;
  }

  async compact(index: number): Promise<void> {
    this.checkOpen();
    const plan = this.state.planCompact(index);
    this.perform(plan);
    this.state.apply(plan);
  }

  async close(): Promise<void> {
    if (this.status === 'open') this.storage.owner = undefined;
    this.status = 'closed';
  }

  private checkOpen(): void {
    if (this.status !== 'open') throw new LogStoreStateError(this.status, 'the store is not open');
  }

  private perform(plan: LogPlan): void {
    const { storage } = this;
    const { write } = plan;
    if (write.snapshot !== undefined) storage.snapshot = copySnapshot(write.snapshot);
    // Drop what fell below the new first index, cut what the write replaces, then append: O(written) for
    // the common append, so the simulator can run long logs.
    const dropped = plan.firstIndex - storage.firstIndex;
    if (dropped > 0) storage.entries.splice(0, Math.min(dropped, storage.entries.length));
    storage.firstIndex = plan.firstIndex;
    const firstWritten = write.entries[0]?.index ?? Number.POSITIVE_INFINITY;
    const keptCount = Math.max(0, Math.min(plan.lastIndex, firstWritten - 1) - plan.firstIndex + 1);
    if (storage.entries.length > keptCount) storage.entries.length = keptCount;
    for (const entry of write.entries) storage.entries.push(copyEntry(entry));
    if (write.hardState !== undefined) storage.hardState = { ...write.hardState };
    if (write.confState !== undefined) storage.confState = copyConfState(write.confState);
  }
}

/** `new Uint8Array(bytes)` copies; `bytes.slice()` would not when `bytes` is a Buffer (Buffer#slice is a view). */
const copyBytes = (bytes: Uint8Array): Uint8Array => new Uint8Array(bytes);

function copyEntry(entry: Entry): Entry {
  return { index: entry.index, term: entry.term, type: entry.type, data: copyBytes(entry.data) };
}

function copyConfState(confState: ConfState): ConfState {
  return { voters: [...confState.voters], learners: [...confState.learners], votersOutgoing: [...confState.votersOutgoing] };
}

function copySnapshot(snapshot: Snapshot): Snapshot {
  const { meta } = snapshot;
  return { meta: { index: meta.index, term: meta.term, confState: copyConfState(meta.confState) }, data: copyBytes(snapshot.data) };
}
