import type { Entry } from '@raftbus/core';
import { InvariantError } from '@raftbus/core';
import { HASH_SEED, fnv1a, mixHash } from './hash.js';

const SNAPSHOT_BYTES = 16;

/**
 * The simulator's replicated state machine: a hash chain over every applied entry's data. Two replicas
 * that applied the same commands in the same order have the same hash, so comparing one number per
 * index checks state machine safety, and a snapshot is just (index, hash, count).
 */
export class HashChainStateMachine {
  private index = 0;
  private chain = HASH_SEED;
  /** Non-empty commands applied (no-ops excluded). */
  private commands = 0;

  get appliedIndex(): number {
    return this.index;
  }

  get hash(): number {
    return this.chain;
  }

  get commandCount(): number {
    return this.commands;
  }

  /** Apply the next entry. The caller (the simulated node) checks that it is the next index. */
  apply(entry: Entry): void {
    this.chain = mixHash(fnv1a(entry.data, this.chain), entry.index);
    if (entry.data.byteLength > 0) this.commands++;
    this.index = entry.index;
  }

  snapshot(): Uint8Array {
    const bytes = new Uint8Array(SNAPSHOT_BYTES);
    const view = new DataView(bytes.buffer);
    view.setFloat64(0, this.index);
    view.setUint32(8, this.chain);
    view.setUint32(12, this.commands);
    return bytes;
  }

  /** Replace the state with a snapshot taken (by any replica) at `index`. */
  restore(data: Uint8Array, index: number): void {
    if (data.byteLength !== SNAPSHOT_BYTES) throw new InvariantError('snapshot-format', `snapshot of ${data.byteLength} bytes, expected ${SNAPSHOT_BYTES}`);
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const snapIndex = view.getFloat64(0);
    if (snapIndex !== index) throw new InvariantError('snapshot-index-matches', `snapshot data is at ${snapIndex}, its metadata says ${index}`);
    this.index = snapIndex;
    this.chain = view.getUint32(8);
    this.commands = view.getUint32(12);
  }
}
