import t from 'tap';
import type { Test } from 'tap';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CorruptLogError, EntryType } from '@raftbus/core';
import type { Entry } from '@raftbus/core';
import { KEY_HARD_STATE, entryKey, runDataOffset, snapshotChunkKey } from '../src/records.js';
import { RocksDb } from '../src/rocksdb-binding.js';
import { RocksDbLogStore } from '../src/rocksdb-log-store.js';
import { tempDir } from './helpers.js';

const CONF = { voters: ['n1'], learners: [], votersOutgoing: [] };

function entry(index: number, term: number): Entry {
  return { index, term, type: EntryType.Normal, data: Buffer.alloc(200, index) };
}

const entries = (first: number, last: number): Entry[] => Array.from({ length: last - first + 1 }, (_, k) => entry(first + k, 1));

/** A closed store holding a snapshot at 5, entries 1..20 in three runs (1..8, 9..14, 15..20) and a hard state. */
async function populatedStore(path: string): Promise<void> {
  const store = new RocksDbLogStore({ path, snapshotChunkBytes: 1024 });
  await store.open();
  await store.write({ entries: entries(1, 8), hardState: { term: 1, vote: 'n1', commit: 0 } });
  await store.write({ entries: entries(9, 14) });
  await store.write({ entries: entries(15, 20), hardState: { term: 1, vote: 'n1', commit: 10 } });
  await store.write({ snapshot: { meta: { index: 5, term: 1, confState: CONF }, data: Buffer.alloc(5000, 7) }, entries: [] });
  await store.close();
}

/** Rewrites one stored value through the binding, with the store closed, leaving its checksum stale. */
async function tamper(path: string, key: Buffer, change: (value: Buffer) => Buffer | undefined): Promise<void> {
  const db = await RocksDb.open(path, { createIfMissing: false });
  let value: Buffer | undefined;
  await db.scan({ gte: key, lte: key }, false, (_, v) => {
    value = Buffer.from(v);
    return false;
  });
  if (value === undefined) throw new Error(`no value at ${key.toString('hex')}`);
  const changed = change(value);
  await db.batch([changed === undefined ? { type: 'del', key } : { type: 'put', key, value: changed }], true);
  await db.close();
}

const flipByte = (offset: number) => (value: Buffer): Buffer => {
  value[offset]! ^= 0x40;
  return value;
};

/** Flips a byte of entry `index` in the run starting at `first`, `delta` bytes from the start of its data. */
const flipInRun = (first: number, index: number, delta: number) => (value: Buffer): Buffer => flipByte(runDataOffset(value, first, index) + delta)(value);

// Inside a run, each entry is: data length u32, checksum u32, term u64, type u8, data.
const TERM_BEFORE_DATA = -9;
const CHECKSUM_BEFORE_DATA = -13;

async function expectCorruptOnOpen(t: Test, path: string, fields: Partial<CorruptLogError>): Promise<void> {
  const store = new RocksDbLogStore({ path });
  const error = await store.open().then(
    () => undefined,
    (e: unknown) => e,
  );
  await store.close();
  t.ok(error instanceof CorruptLogError, `open fails with CorruptLogError (${String(error)})`);
  if (!(error instanceof CorruptLogError)) return;
  t.equal(error.path, path, 'the error names the store path');
  t.match(error, fields, 'and the record');
  t.match(error.message, path, 'the message names the path');
}

const cases: { name: string; key: Buffer; change: (value: Buffer) => Buffer | undefined; expected: Partial<CorruptLogError> }[] = [
  { name: 'a flipped payload byte in entry 12', key: entryKey(9), change: flipInRun(9, 12, 100), expected: { index: 12, record: 'entry' } },
  { name: 'a flipped term byte in entry 9', key: entryKey(9), change: flipInRun(9, 9, TERM_BEFORE_DATA + 7), expected: { index: 9, record: 'entry' } },
  { name: 'a flipped checksum byte in entry 3 (below the snapshot, still verified)', key: entryKey(1), change: flipInRun(1, 3, CHECKSUM_BEFORE_DATA), expected: { index: 3, record: 'entry' } },
  { name: "a flipped byte in a run's header (its entry count)", key: entryKey(15), change: flipByte(7), expected: { index: 15, record: 'entry' } },
  { name: 'a run truncated inside entry 18', key: entryKey(15), change: (v) => v.subarray(0, runDataOffset(v, 15, 18) + 10), expected: { index: 18, record: 'entry' } },
  { name: 'the run of entries 9..14 deleted from the middle', key: entryKey(9), change: () => undefined, expected: { index: 9, record: 'entry' } },
  { name: 'the last run deleted', key: entryKey(15), change: () => undefined, expected: { index: 15, record: 'entry' } },
  { name: 'a flipped byte in the hard state', key: KEY_HARD_STATE, change: flipByte(10), expected: { index: 0, record: 'hardState' } },
  { name: 'a flipped byte in a snapshot data chunk', key: snapshotChunkKey(2), change: flipByte(500), expected: { record: 'snapshot' } },
  { name: 'a snapshot data chunk deleted', key: snapshotChunkKey(4), change: () => undefined, expected: { record: 'snapshot' } },
];

for (const c of cases) {
  t.test(`open refuses a store with ${c.name}`, async (t) => {
    const dir = tempDir('corrupt');
    t.teardown(dir.remove);
    await populatedStore(dir.path);
    await tamper(dir.path, c.key, c.change);
    await expectCorruptOnOpen(t, dir.path, c.expected);
  });
}

t.test('a run out of place (intact bytes under another index) fails its checksum', async (t) => {
  const dir = tempDir('corrupt');
  t.teardown(dir.remove);
  await populatedStore(dir.path);
  const db = await RocksDb.open(dir.path, {});
  let run9: Buffer | undefined;
  await db.scan({ gte: entryKey(9), lte: entryKey(9) }, false, (_, v) => ((run9 = Buffer.from(v)), false));
  await db.batch([{ type: 'put', key: entryKey(15), value: run9! }], true);
  await db.close();
  await expectCorruptOnOpen(t, dir.path, { index: 15, record: 'entry' });
});

class ReachableStore extends RocksDbLogStore {
  database(): RocksDb {
    return this.db!;
  }
}

t.test('a read of an entry corrupted after open fails with CorruptLogError naming it', async (t) => {
  const dir = tempDir('corrupt');
  t.teardown(dir.remove);
  await populatedStore(dir.path);
  const store = new ReachableStore({ path: dir.path });
  t.teardown(() => store.close());
  await store.open();
  t.equal((await store.entries(6, 21)).length, 15, 'reads fine before');
  let value: Buffer | undefined;
  await store.database().scan({ gte: entryKey(15), lte: entryKey(15) }, false, (_, v) => ((value = Buffer.from(v)), false));
  flipInRun(15, 17, 60)(value!);
  await store.database().batch([{ type: 'put', key: entryKey(15), value: value! }], true);
  await t.rejects(store.entries(6, 21), { name: 'CorruptLogError', index: 17, path: dir.path, code: 'CORRUPT_LOG' });
  t.equal((await store.entries(6, 17)).length, 11, 'the entries before it still read');
});

t.test('bit rot in an SST file is reported as CorruptLogError, not skipped', async (t) => {
  const dir = tempDir('corrupt');
  t.teardown(dir.remove);
  const store = new ReachableStore({ path: dir.path });
  await store.open();
  const log: Entry[] = [];
  for (let index = 1; index <= 400; index++) log.push(entry(index, 1));
  await store.write({ entries: log, hardState: { term: 1, vote: 'n1', commit: 0 } });
  // Flush the memtable into an SST file, so the entries live in a file RocksDB reads back with checksums.
  await store.database().compactRange(entryKey(0), entryKey(1000));
  await store.close();
  const sst = readdirSync(dir.path).filter((f) => f.endsWith('.sst'));
  t.ok(sst.length > 0, `RocksDB wrote SST files (${sst.join(', ')})`);
  for (const file of sst) {
    const bytes = readFileSync(join(dir.path, file));
    bytes[Math.floor(bytes.length / 3)]! ^= 0xff;
    writeFileSync(join(dir.path, file), bytes);
  }
  const reopened = new RocksDbLogStore({ path: dir.path });
  const error = await reopened.open().then(() => undefined, (e: unknown) => e);
  await reopened.close();
  t.ok(error instanceof CorruptLogError, `open fails with CorruptLogError (${String(error)})`);
  t.equal((error as CorruptLogError).path, dir.path);
});
