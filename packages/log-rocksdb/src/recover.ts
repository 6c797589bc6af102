import { CorruptLogError, FRESH_HARD_STATE, LogState } from '@raftbus/core';
import type { ConfState, Entry, HardState, IndexRange, Snapshot, StoredState } from '@raftbus/core';
import { crc32c } from './crc32c.js';
import {
  ENTRY_KEY_END,
  FORMAT,
  KEY_BOUNDS,
  KEY_CONF_STATE,
  KEY_FORMAT,
  KEY_HARD_STATE,
  KEY_SNAPSHOT,
  META_RANGE,
  SNAPSHOT_CHUNK_RANGE,
  checksumMatches,
  decodeBounds,
  decodeConfState,
  decodeFormat,
  decodeHardState,
  decodeSnapshotMeta,
  entryIndexOf,
  entryKey,
  readRun,
  RunDamage,
  snapshotChunkData,
  snapshotChunkKey,
} from './records.js';
import type { Bounds, StoredSnapshotMeta } from './records.js';
import { isRocksCorruption } from './rocksdb-binding.js';
import type { RangeOptions, RocksDb } from './rocksdb-binding.js';

export interface Recovered {
  /** True when the database held nothing: the caller writes the format and bounds records. */
  readonly fresh: boolean;
  readonly state: LogState;
  readonly stored: StoredState;
  readonly snapshotChunkCount: number;
  /** First indexes of the runs holding live entries, ascending. */
  readonly runKeys: readonly number[];
  /** Keys of runs below the first index (an interrupted or pending cleanup): dead, to be deleted. */
  readonly deadRuns?: IndexRange;
}

/** The layout before runs (2026-11-27): refused by name, so the error says what it is. */
const FORMAT_ONE_KEY_PER_ENTRY = 'raftbus-log/1';

const META_RECORDS = new Map<string, string>([
  [KEY_FORMAT.toString('hex'), 'format'],
  [KEY_BOUNDS.toString('hex'), 'bounds'],
  [KEY_HARD_STATE.toString('hex'), 'hardState'],
  [KEY_SNAPSHOT.toString('hex'), 'snapshot'],
  [KEY_CONF_STATE.toString('hex'), 'confState'],
]);

/**
 * Reads and verifies everything a store holds: every record's checksum, every entry from the first index to
 * the last with no gap and no extra, terms never going back, the snapshot's data against its checksum.
 * Anything wrong is a CorruptLogError naming the record and index; nothing is skipped.
 */
export async function recover(db: RocksDb, path: string): Promise<Recovered> {
  const corrupt = (record: string, index: number, detail: string): CorruptLogError => new CorruptLogError(path, index, record, detail);
  const meta = await readMeta(db, corrupt);
  const decode = <T>(record: string, value: Buffer | undefined, decoder: (value: Buffer) => T): T | undefined => {
    if (value === undefined) return undefined;
    try {
      return decoder(value);
    } catch (error) {
      throw corrupt(record, 0, `does not decode: ${(error as Error).message}`);
    }
  };

  const format = decode('format', meta.get('format'), decodeFormat);
  if (format === undefined) {
    if (meta.size > 0 || (await hasAnyKey(db))) throw corrupt('format', 0, 'missing, yet the database holds data: not a raftbus log');
    const state = new LogState();
    return { fresh: true, state, stored: { hardState: FRESH_HARD_STATE, entries: [] }, snapshotChunkCount: 0, runKeys: [] };
  }
  if (format === FORMAT_ONE_KEY_PER_ENTRY) {
    throw corrupt(
      'format',
      0,
      `is ${JSON.stringify(format)}, the older layout with one key per entry; this version reads only ${JSON.stringify(FORMAT)} and does not convert it. ` +
        'Open it with the version that wrote it, or start the whole cluster over by removing every node\'s data directory ' +
        '(one node restarted empty could vote twice in a term)',
    );
  }
  if (format !== FORMAT) throw corrupt('format', 0, `is ${JSON.stringify(format)}, this code reads ${JSON.stringify(FORMAT)}`);
  const bounds = decode('bounds', meta.get('bounds'), decodeBounds);
  if (bounds === undefined) throw corrupt('bounds', 0, 'missing');
  const hardState: HardState = decode('hardState', meta.get('hardState'), decodeHardState) ?? FRESH_HARD_STATE;
  const snapshotMeta = decode('snapshot', meta.get('snapshot'), decodeSnapshotMeta);
  const confState: ConfState | undefined = decode('confState', meta.get('confState'), decodeConfState);

  const snapshot = snapshotMeta === undefined ? undefined : await readSnapshot(db, snapshotMeta, corrupt);
  const state = new LogState({
    hardState,
    firstIndex: bounds.firstIndex,
    ...(snapshot !== undefined ? { snapshot: snapshot.meta } : {}),
    ...(confState !== undefined ? { confState } : {}),
  });
  const { entries, runKeys, deadRuns } = await readEntries(db, state, bounds, snapshot?.meta.index ?? 0, corrupt);
  const lastKnown = Math.max(state.lastIndex, snapshot?.meta.index ?? 0);
  if (hardState.commit > lastKnown) throw corrupt('hardState', 0, `commit ${hardState.commit} is past the last index ${lastKnown}`);
  return {
    fresh: false,
    state,
    stored: {
      hardState,
      entries,
      ...(snapshot !== undefined ? { snapshot } : {}),
      ...(confState !== undefined ? { confState } : {}),
    },
    snapshotChunkCount: snapshotMeta?.chunkCount ?? 0,
    runKeys,
    ...(deadRuns !== undefined ? { deadRuns } : {}),
  };
}

type Corrupt = (record: string, index: number, detail: string) => CorruptLogError;

/** A scan whose RocksDB-level corruption (say, an SST block checksum) becomes a CorruptLogError too. */
async function scanVerified(
  db: RocksDb,
  range: RangeOptions,
  visit: (key: Buffer, value: Buffer) => boolean,
  blame: () => Parameters<Corrupt>,
  corrupt: Corrupt,
): Promise<void> {
  try {
    await db.scan(range, false, visit);
  } catch (error) {
    if (!isRocksCorruption(error)) throw error;
    const [record, index, detail] = blame();
    throw corrupt(record, index, `${detail}: ${error.message}`);
  }
}

async function readMeta(db: RocksDb, corrupt: Corrupt): Promise<Map<string, Buffer>> {
  const meta = new Map<string, Buffer>();
  let problem: CorruptLogError | undefined;
  await scanVerified(db, META_RANGE, (key, value) => {
    const record = META_RECORDS.get(key.toString('hex'));
    if (record === undefined) problem = corrupt(`meta key ${key.toString('hex')}`, 0, 'unknown record');
    else if (!checksumMatches(key, value)) problem = corrupt(record, 0, 'checksum mismatch');
    else meta.set(record, value);
    return problem === undefined;
  }, () => ['meta', 0, 'unreadable'], corrupt);
  if (problem !== undefined) throw problem;
  return meta;
}

async function hasAnyKey(db: RocksDb): Promise<boolean> {
  let found = false;
  await db.scan({ limit: 1 }, false, () => {
    found = true;
    return false;
  });
  return found;
}

async function readSnapshot(db: RocksDb, stored: StoredSnapshotMeta, corrupt: Corrupt): Promise<Snapshot> {
  const chunks: Buffer[] = [];
  let problem: CorruptLogError | undefined;
  await scanVerified(db, SNAPSHOT_CHUNK_RANGE, (key, value) => {
    const chunk = chunks.length;
    if (!key.equals(snapshotChunkKey(chunk)) || chunk >= stored.chunkCount) {
      problem = corrupt('snapshot', 0, `unexpected data chunk key ${key.toString('hex')} (expected ${stored.chunkCount} chunks)`);
    } else if (!checksumMatches(key, value)) {
      problem = corrupt('snapshot', 0, `checksum mismatch in data chunk ${chunk}`);
    } else {
      chunks.push(snapshotChunkData(value));
    }
    return problem === undefined;
  }, () => ['snapshot', 0, `data chunk ${chunks.length} unreadable`], corrupt);
  if (problem !== undefined) throw problem;
  if (chunks.length !== stored.chunkCount) throw corrupt('snapshot', 0, `${chunks.length} of ${stored.chunkCount} data chunks present`);
  const data = Buffer.concat(chunks);
  if (data.length !== stored.dataBytes || crc32c(data) !== stored.dataCrc) {
    throw corrupt('snapshot', 0, `data of ${data.length} bytes does not match its recorded length ${stored.dataBytes} and checksum`);
  }
  return { meta: stored.meta, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

interface StoredRun {
  readonly key: Buffer;
  readonly value: Buffer;
  readonly first: number;
}

/**
 * Reads the runs in key order. A run's entries are live from its key (or the first index) up to the next
 * run's key − 1 (or the last index); together they must cover the first index to the last with no gap, and
 * no run may start past the last index. Runs with no live entry below the first index are dead.
 */
async function readEntries(
  db: RocksDb,
  state: LogState,
  bounds: Bounds,
  snapshotIndex: number,
  corrupt: Corrupt,
): Promise<{ entries: Entry[]; runKeys: number[]; deadRuns?: IndexRange }> {
  const entries: Entry[] = [];
  const runKeys: number[] = [];
  const dead: number[] = [];
  let problem: CorruptLogError | undefined;
  let previous: StoredRun | undefined;
  // Replays the live part of `run`, which ends where `nextFirst` begins.
  const settle = (run: StoredRun, nextFirst: number): void => {
    const end = Math.min(bounds.lastIndex, nextFirst - 1);
    if (end < bounds.firstIndex) {
      dead.push(run.first);
      return;
    }
    runKeys.push(run.first);
    const expected = state.lastIndex + 1;
    if (run.first > expected) {
      problem = corrupt('entry', expected, `missing (the next stored run starts at ${run.first})`);
      return;
    }
    try {
      readRun(run.key, run.value, run.first, end, expected, (entry) => {
        const reason = state.restoreEntry(entry.index, entry.term);
        if (reason !== undefined) {
          problem = corrupt('entry', entry.index, reason);
          return false;
        }
        if (entry.index > snapshotIndex) entries.push(entry);
        return true;
      });
    } catch (error) {
      if (!(error instanceof RunDamage)) throw error;
      problem = corrupt('entry', error.index, error.reason);
    }
  };
  await scanVerified(db, { gte: entryKey(0), lt: ENTRY_KEY_END }, (key, value) => {
    const first = entryIndexOf(key);
    if (first === undefined) {
      problem = corrupt('entry', state.lastIndex + 1, `malformed entry key ${key.toString('hex')}`);
    } else if (first > bounds.lastIndex) {
      problem = corrupt('entry', first, `stored past the last index ${bounds.lastIndex}`);
    } else {
      if (previous !== undefined) settle(previous, first);
      previous = { key, value, first };
    }
    return problem === undefined;
  }, () => ['entry', state.lastIndex + 1, 'unreadable'], corrupt);
  if (problem === undefined && previous !== undefined) settle(previous, Number.POSITIVE_INFINITY);
  if (problem !== undefined) throw problem;
  if (state.lastIndex !== bounds.lastIndex) {
    throw corrupt('entry', state.lastIndex + 1, `missing (the log should end at ${bounds.lastIndex})`);
  }
  return { entries, runKeys, ...(dead.length > 0 ? { deadRuns: { first: dead[0]!, last: dead[dead.length - 1]! } } : {}) };
}
