import type { LogPlan } from '@raftbus/core';
import { crc32c } from './crc32c.js';
import {
  KEY_BOUNDS,
  KEY_CONF_STATE,
  KEY_FORMAT,
  KEY_HARD_STATE,
  KEY_SNAPSHOT,
  encodeBounds,
  encodeConfState,
  encodeFormat,
  encodeHardState,
  encodeRun,
  encodeSnapshotChunk,
  encodeSnapshotMeta,
  entryKey,
  snapshotChunkKey,
} from './records.js';
import type { BatchOperation } from './rocksdb-binding.js';
import type { RunIndex } from './run-index.js';

export interface EncodedWrite {
  readonly operations: BatchOperation[];
  /** Encoded key and value bytes (what group commit bounds a batch by). */
  readonly bytes: number;
  /** The chunk count of a snapshot this write stores. */
  readonly snapshotChunkCount?: number;
}

/** Turns a validated plan into the RocksDB operations of one atomic batch. */
export const encodeOperations = {
  /** The records of a new, empty store. */
  fresh(): BatchOperation[] {
    return [
      { type: 'put', key: KEY_FORMAT, value: encodeFormat() },
      { type: 'put', key: KEY_BOUNDS, value: encodeBounds({ firstIndex: 1, lastIndex: 0 }) },
    ];
  },

  /** Also updates `runs` to the runs this write leaves (the caller adopts the plan right after). */
  write(plan: LogPlan, previousChunkCount: number, snapshotChunkBytes: number, runs: RunIndex): EncodedWrite {
    const operations: BatchOperation[] = [];
    let bytes = 0;
    const put = (key: Buffer, value: Buffer): void => {
      operations.push({ type: 'put', key, value });
      bytes += key.length + value.length;
    };
    const del = (key: Buffer): void => {
      operations.push({ type: 'del', key });
      bytes += key.length;
    };
    const { write } = plan;
    let snapshotChunkCount: number | undefined;

    if (write.snapshot !== undefined) {
      const { data } = write.snapshot;
      snapshotChunkCount = Math.ceil(data.byteLength / snapshotChunkBytes);
      for (let chunk = 0; chunk < snapshotChunkCount; chunk++) {
        const key = snapshotChunkKey(chunk);
        put(key, encodeSnapshotChunk(key, data.subarray(chunk * snapshotChunkBytes, (chunk + 1) * snapshotChunkBytes)));
      }
      for (let chunk = snapshotChunkCount; chunk < previousChunkCount; chunk++) del(snapshotChunkKey(chunk));
      put(KEY_SNAPSHOT, encodeSnapshotMeta({ meta: write.snapshot.meta, dataBytes: data.byteLength, chunkCount: snapshotChunkCount, dataCrc: crc32c(data) }));
    }
    // A write's entries become one run at their first index. Runs above it are superseded entirely and go in
    // the same batch (a run at that very index is overwritten). With no entries, no run may stay above the
    // last index. Both cases remove only the conflicting uncommitted suffix, so they stay small.
    const entries = write.entries;
    const cut = entries.length > 0 ? entries[0]!.index : plan.lastIndex;
    for (const key of runs.removeAbove(cut)) del(entryKey(key));
    if (entries.length > 0) {
      const key = entryKey(cut);
      put(key, encodeRun(key, entries));
      runs.add(cut);
    }
    if (plan.boundsChanged) put(KEY_BOUNDS, encodeBounds({ firstIndex: plan.firstIndex, lastIndex: plan.lastIndex }));
    if (write.hardState !== undefined) put(KEY_HARD_STATE, encodeHardState(write.hardState));
    if (write.confState !== undefined) put(KEY_CONF_STATE, encodeConfState(write.confState));
    return { operations, bytes, ...(snapshotChunkCount !== undefined ? { snapshotChunkCount } : {}) };
  },
};
