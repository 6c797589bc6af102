import type { Entry } from '@raftbus/core';
import { fnv1a, mixHash } from './hash.js';

const dataHashCache = new WeakMap<Uint8Array, number>();

/** Hash of an entry's payload (memoised: the same payload object travels to every node). */
export function entryDataHash(e: Entry): number {
  let h = dataHashCache.get(e.data);
  if (h === undefined) {
    h = mixHash(fnv1a(e.data), e.type, e.data.byteLength);
    dataHashCache.set(e.data, h);
  }
  return h;
}
