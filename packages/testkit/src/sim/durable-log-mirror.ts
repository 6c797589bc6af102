import type { Entry } from '@raftbus/core';
import { HASH_SEED, mixHash } from './hash.js';
import type { SimDisk } from './disk.js';
import { entryDataHash } from './entry-hash.js';

/** One durable entry as the checkers remember it. `prefixHash` covers this entry and every one before it. */
export interface MirroredEntry {
  readonly index: number;
  readonly term: number;
  readonly dataHash: number;
  readonly prefixHash: number;
}

/** What changed when a mirror caught up with its disk. */
export interface MirrorChange {
  /** Entries that were durable before and are not any more (truncated or replaced). */
  readonly removed: MirroredEntry[];
  /** Entries newly durable. */
  readonly added: MirroredEntry[];
}

/**
 * Registry of (index, term) → prefix hash over every durable log in the cluster. Log matching says two
 * logs holding an entry with the same index and term hold identical entries up to it, so every log that
 * reaches (index, term) must arrive with the same prefix hash. Checking each entry once, when it becomes
 * durable, makes the property O(entries written) instead of O(n²) per tick.
 */
export class PrefixRegistry {
  private readonly byIndex = new Map<number, Map<number, number>>();

  get(index: number, term: number): number | undefined {
    return this.byIndex.get(index)?.get(term);
  }

  /** Registers the first hash seen for (index, term); returns the registered one. */
  register(index: number, term: number, prefixHash: number): number {
    let byTerm = this.byIndex.get(index);
    if (!byTerm) this.byIndex.set(index, (byTerm = new Map()));
    const known = byTerm.get(term);
    if (known !== undefined) return known;
    byTerm.set(term, prefixHash);
    return prefixHash;
  }
}

/**
 * The checkers' copy of one node's durable log, with a prefix hash per entry. It catches up with the
 * disk incrementally from the lowest index the disk reports changed.
 */
export class DurableLogMirror {
  private baseIndex = 0;
  private baseTerm = 0;
  private basePrefix = HASH_SEED;
  private mirrored: MirroredEntry[] = [];

  get snapshotIndex(): number {
    return this.baseIndex;
  }

  get lastIndex(): number {
    return this.baseIndex + this.mirrored.length;
  }

  entry(index: number): MirroredEntry | undefined {
    const k = index - this.baseIndex - 1;
    return k >= 0 && k < this.mirrored.length ? this.mirrored[k] : undefined;
  }

  /**
   * Catch up with `disk`. Calls `onMismatch(entry, registered)` for an entry whose prefix hash differs
   * from the one registered for its (index, term) by another log: a log matching violation.
   */
  sync(disk: SimDisk, registry: PrefixRegistry, onMismatch: (e: MirroredEntry, registeredPrefix: number) => void): MirrorChange {
    const changedFrom = disk.takeChangedFrom();
    const removed: MirroredEntry[] = [];
    const added: MirroredEntry[] = [];
    if (disk.snapshotIndex !== this.baseIndex) this.rebase(disk, registry, removed);
    const from = Math.max(changedFrom, this.baseIndex + 1);
    if (from === Infinity) return { removed, added };
    const keep = Math.min(this.mirrored.length, from - this.baseIndex - 1);
    for (let k = keep; k < this.mirrored.length; k++) removed.push(this.mirrored[k]!);
    this.mirrored.length = keep;
    let prefix = keep === 0 ? this.basePrefix : this.mirrored[keep - 1]!.prefixHash;
    for (let index = from; index <= disk.lastIndex; index++) {
      const e = disk.entry(index)!;
      const m = this.mirror(e, prefix);
      const registered = registry.register(m.index, m.term, m.prefixHash);
      if (registered !== m.prefixHash) onMismatch(m, registered);
      this.mirrored.push(m);
      added.push(m);
      prefix = m.prefixHash;
    }
    // An entry removed and written back identically was not really removed.
    const kept = new Set(added.map((m) => `${m.index}:${m.term}:${m.dataHash}`));
    return { removed: removed.filter((m) => !kept.has(`${m.index}:${m.term}:${m.dataHash}`)), added };
  }

  private mirror(e: Entry, prevPrefix: number): MirroredEntry {
    const dataHash = entryDataHash(e);
    return { index: e.index, term: e.term, dataHash, prefixHash: mixHash(prevPrefix, e.index, e.term, dataHash) };
  }

  /** The disk moved its snapshot: drop covered entries, and take the new base's prefix hash. */
  private rebase(disk: SimDisk, registry: PrefixRegistry, removed: MirroredEntry[]): void {
    const index = disk.snapshotIndex;
    const term = disk.snapshotTerm;
    const own = this.entry(index);
    let basePrefix: number;
    if (own && own.term === term) basePrefix = own.prefixHash;
    else if (index === 0) basePrefix = HASH_SEED;
    else {
      // A snapshot from a leader: its last entry was durable in the leader's log, so it is registered;
      // if not (it never was durable anywhere we watched), start a chain that can only match itself.
      basePrefix = registry.get(index, term) ?? registry.register(index, term, mixHash(HASH_SEED, 0xdead, index, term));
    }
    for (const m of this.mirrored) if (m.index <= index) removed.push(m);
    this.mirrored = this.mirrored.filter((m) => m.index > index);
    this.baseIndex = index;
    this.baseTerm = term;
    this.basePrefix = basePrefix;
    // Entries above a leader's snapshot are dropped by the disk too; the caller re-reads from changedFrom.
    if (this.mirrored.length > 0 && this.mirrored[0]!.index !== index + 1) {
      for (const m of this.mirrored) removed.push(m);
      this.mirrored = [];
    }
  }

  get snapshotTerm(): number {
    return this.baseTerm;
  }
}
