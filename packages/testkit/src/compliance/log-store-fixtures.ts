import { EntryType } from '@raftbus/core';
import type { ConfState, Entry, HardState, LogStore, Snapshot, StoredState } from '@raftbus/core';
import type { SuiteTest } from './suite-test.js';

/**
 * Storage for one compliance case. `store()` returns a new, unopened LogStore over the same storage every
 * time, so a case can close one store and open another to check what survived.
 */
export interface LogStoreHarness {
  store(): LogStore;
  /** Release the storage (remove files); called once per case, after every store is closed. */
  destroy(): Promise<void>;
}

export type LogStoreFactory = () => LogStoreHarness | Promise<LogStoreHarness>;

export const CONF: ConfState = { voters: ['n1', 'n2', 'n3'], learners: [], votersOutgoing: [] };

/** Deterministic payload of an entry, so any byte out of place shows. */
export function payload(index: number, term: number, bytes: number): Uint8Array {
  const data = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) data[i] = (index * 31 + term * 17 + i * 7) & 0xff;
  return data;
}

export function entry(index: number, term: number, bytes = 16, type: EntryType = EntryType.Normal): Entry {
  return { index, term, type, data: payload(index, term, bytes) };
}

/** Entries [first, last] of one term. */
export function entries(first: number, last: number, term: number, bytes = 16): Entry[] {
  const result: Entry[] = [];
  for (let index = first; index <= last; index++) result.push(entry(index, term, bytes));
  return result;
}

export function hardState(term: number, commit = 0, vote = 'n1'): HardState {
  return { term, vote, commit };
}

export function snapshot(index: number, term: number, bytes = 64, confState: ConfState = CONF): Snapshot {
  return { meta: { index, term, confState }, data: payload(index, term + 1000, bytes) };
}

/** Entries as plain comparable values (payloads as hex), so a mismatch prints readably. */
export function view(list: readonly Entry[]): { index: number; term: number; type: number; data: string }[] {
  return list.map((e) => ({ index: e.index, term: e.term, type: e.type, data: Buffer.from(e.data).toString('hex') }));
}

export function viewState(state: StoredState): Record<string, unknown> {
  return {
    hardState: { ...state.hardState },
    snapshot: state.snapshot === undefined ? undefined : viewSnapshot(state.snapshot),
    confState: state.confState,
    entries: view(state.entries),
  };
}

export function viewSnapshot(s: Snapshot): Record<string, unknown> {
  return { meta: s.meta, bytes: s.data.byteLength, data: digest(s.data) };
}

/** A short order-sensitive digest of bytes (a large snapshot would flood a diff as hex). */
function digest(bytes: Uint8Array): string {
  let h1 = 0x811c9dc5;
  let h2 = 0;
  for (let i = 0; i < bytes.length; i++) {
    h1 = Math.imul(h1 ^ bytes[i]!, 0x01000193);
    h2 = (h2 + h1) | 0;
  }
  return `${(h1 >>> 0).toString(16)}-${(h2 >>> 0).toString(16)}`;
}

export interface OpenedStore {
  readonly store: LogStore;
  readonly state: StoredState;
}

export interface HarnessSession {
  /** A new store over the case's storage, opened. */
  open(): Promise<OpenedStore>;
  /** Close `store`, then open a new one over the same storage. */
  reopen(store: LogStore): Promise<OpenedStore>;
  /** A new store over the case's storage, not opened. */
  unopened(): LogStore;
}

/**
 * Runs `body` against a fresh store from a fresh harness, closes every store it opened and destroys the
 * storage even when an assertion throws.
 */
export async function withHarness(
  factory: LogStoreFactory,
  body: (h: HarnessSession) => Promise<void>,
): Promise<void> {
  const harness = await factory();
  const opened: LogStore[] = [];
  const open = async (): Promise<OpenedStore> => {
    const store = harness.store();
    opened.push(store);
    const state = await store.open();
    return { store, state };
  };
  const reopen = async (store: LogStore): Promise<OpenedStore> => {
    await store.close();
    return open();
  };
  const unopened = (): LogStore => {
    const store = harness.store();
    opened.push(store);
    return store;
  };
  try {
    await body({ open, reopen, unopened });
  } finally {
    for (const store of opened) await store.close().catch(() => undefined);
    await harness.destroy();
  }
}

/** Reads the whole stored log [from, last] through entries() and compares it with `expected`. */
export async function expectLog(t: SuiteTest, store: LogStore, from: number, expected: readonly Entry[], message: string): Promise<void> {
  const toExclusive = from + expected.length;
  t.same(view(await store.entries(from, toExclusive)), view(expected), message);
}
