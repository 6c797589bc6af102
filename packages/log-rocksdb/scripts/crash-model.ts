import type { HardState } from '@raftbus/core';

/**
 * Shared by the crash test and its child writer: the operations the child issues, the messages it sends,
 * and a model of the log that applies the operations the way a LogStore must. Entry and snapshot payloads
 * are a function of (index, term), so the parent can check every recovered byte without being told it.
 */

export interface OpEntry {
  readonly index: number;
  readonly term: number;
}

export type CrashOp =
  | { readonly kind: 'write'; readonly entries: readonly OpEntry[]; readonly hardState?: HardState; readonly snapshot?: OpEntry }
  | { readonly kind: 'compact'; readonly index: number };

export type ChildMessage =
  | { readonly t: 'ready'; readonly firstIndex: number; readonly lastIndex: number }
  | { readonly t: 'issue'; readonly id: number; readonly op: CrashOp }
  | { readonly t: 'ack'; readonly id: number };

/** Largest entry payload the child writes. */
export const ENTRY_BYTES_MAX = 700;

export function entryData(index: number, term: number): Uint8Array {
  const length = (index * 13 + term * 7) % ENTRY_BYTES_MAX;
  const data = new Uint8Array(length);
  for (let i = 0; i < length; i++) data[i] = (index * 7 + term * 3 + i * 11) & 0xff;
  return data;
}

export function snapshotData(index: number, term: number): Uint8Array {
  const length = 100 + (index % 3000);
  const data = new Uint8Array(length);
  for (let i = 0; i < length; i++) data[i] = (index + term * 5 + i) & 0xff;
  return data;
}

export class CrashModel {
  firstIndex = 1;
  lastIndex = 0;
  /** terms[i] is the term of entry firstIndex + i. */
  terms: number[] = [];
  snapshot: OpEntry | undefined;
  hardState: HardState = { term: 0, vote: '', commit: 0 };

  clone(): CrashModel {
    const copy = new CrashModel();
    copy.firstIndex = this.firstIndex;
    copy.lastIndex = this.lastIndex;
    copy.terms = [...this.terms];
    copy.snapshot = this.snapshot;
    copy.hardState = this.hardState;
    return copy;
  }

  termAt(index: number): number | undefined {
    if (index >= this.firstIndex && index <= this.lastIndex) return this.terms[index - this.firstIndex];
    return this.snapshot?.index === index ? this.snapshot.term : undefined;
  }

  apply(op: CrashOp): void {
    if (op.kind === 'compact') {
      if (op.index >= this.firstIndex) {
        this.terms.splice(0, op.index + 1 - this.firstIndex);
        this.firstIndex = op.index + 1;
      }
      return;
    }
    if (op.snapshot !== undefined) {
      if (this.termAt(op.snapshot.index) !== op.snapshot.term) {
        this.firstIndex = op.snapshot.index + 1;
        this.lastIndex = op.snapshot.index;
        this.terms = [];
      }
      this.snapshot = op.snapshot;
    }
    if (op.entries.length > 0) {
      const from = op.entries[0]!.index;
      this.terms.length = from - this.firstIndex;
      for (const e of op.entries) this.terms.push(e.term);
      this.lastIndex = op.entries[op.entries.length - 1]!.index;
    }
    if (op.hardState !== undefined) this.hardState = op.hardState;
  }

  /** Everything recovery must reproduce, as one comparable string. */
  signature(): string {
    const h = this.hardState;
    return JSON.stringify([this.firstIndex, this.lastIndex, this.snapshot?.index, this.snapshot?.term, h.term, h.vote, h.commit, this.terms]);
  }
}
