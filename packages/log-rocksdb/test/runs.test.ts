import t, { type Test } from 'tap';
import { CorruptLogError, EntryType } from '@raftbus/core';
import type { Entry } from '@raftbus/core';
import { crc32c } from '../src/crc32c.js';
import { KEY_FORMAT, entryIndexOf, entryKey } from '../src/records.js';
import { RocksDb } from '../src/rocksdb-binding.js';
import { RocksDbLogStore } from '../src/rocksdb-log-store.js';
import { tempDir } from './helpers.js';

// The run layout (records.ts): one key per write, live up to the next run's key − 1 and the last index.

const CONF = { voters: ['n1'], learners: [], votersOutgoing: [] };
const entry = (index: number, term: number): Entry => ({ index, term, type: EntryType.Normal, data: Buffer.from(`${index}@${term}`) });
const entries = (first: number, last: number, term: number): Entry[] => Array.from({ length: last - first + 1 }, (_, k) => entry(first + k, term));
const view = (list: readonly Entry[]) => list.map((e) => `${e.index}@${e.term}:${Buffer.from(e.data).toString()}`);

/** A fresh data directory for one test, removed after it. */
function storePath(t: Test): string {
  const dir = tempDir('runs');
  t.teardown(dir.remove);
  return dir.path;
}

class ReachableStore extends RocksDbLogStore {
  async runKeys(): Promise<number[]> {
    const keys: number[] = [];
    await this.db!.scan({ gte: entryKey(0), lt: entryKey(Number.MAX_SAFE_INTEGER) }, false, (key) => (keys.push(entryIndexOf(key)!), true));
    return keys;
  }
}

t.test('a conflicting write inside a run supersedes its tail, in reads and after a reopen', async (t) => {
  const path = storePath(t);
  let store = new ReachableStore({ path });
  await store.open();
  await store.write({ entries: entries(1, 10, 1), hardState: { term: 1, vote: 'n1', commit: 4 } });
  await store.write({ entries: entries(11, 12, 1) });
  // Term 2 rewrites from 6: the runs at 1 (its tail 6..10 now dead) and 11 (deleted) give way to a run at 6.
  await store.write({ entries: entries(6, 8, 2), hardState: { term: 2, vote: 'n1', commit: 4 } });
  const expected = [...view(entries(1, 5, 1)), ...view(entries(6, 8, 2))];
  t.same(view(await store.entries(1, 9)), expected, 'reads cross from the old run into the new one');
  t.same(view(await store.entries(3, 7, 1)), view(entries(3, 3, 1)), 'maxBytes still bounds a read (at least one entry)');
  t.same(await store.runKeys(), [1, 6], 'the run at 11 went in the same batch');
  await store.close();

  store = new ReachableStore({ path });
  const recovered = await store.open();
  t.same(view(recovered.entries), expected, 'recovery ignores the dead tail of the run at 1');
  await store.write({ entries: entries(9, 9, 2) });
  t.same(view(await store.entries(8, 10)), [...view(entries(8, 9, 2))], 'an append after the reopen extends the log');
  await store.close();
  store = new ReachableStore({ path });
  t.same(view((await store.open()).entries), [...expected, ...view(entries(9, 9, 2))]);
  await store.close();
});

t.test('compaction deletes the runs left without a live entry, and only those', async (t) => {
  const path = storePath(t);
  const store = new ReachableStore({ path });
  t.teardown(() => store.close());
  await store.open();
  for (const [first, last] of [[1, 4], [5, 8], [9, 12], [13, 16]] as const) {
    await store.write({ entries: entries(first, last, 1), hardState: { term: 1, vote: 'n1', commit: last } });
  }
  await store.write({ snapshot: { meta: { index: 10, term: 1, confState: CONF }, data: Buffer.from('state') }, entries: [] });
  await store.compact(10);
  await store.close();
  const reopened = new ReachableStore({ path });
  t.teardown(() => reopened.close());
  const recovered = await reopened.open();
  t.same(view(recovered.entries), view(entries(11, 16, 1)), 'the log after the snapshot survives');
  t.same(await reopened.runKeys(), [9, 13], 'the runs at 1 and 5 are gone; the run at 9 holds 11 and 12');
});

t.test('a snapshot that replaces the whole log leaves no run behind', async (t) => {
  const path = storePath(t);
  const store = new ReachableStore({ path });
  await store.open();
  await store.write({ entries: entries(1, 6, 1), hardState: { term: 1, vote: 'n1', commit: 2 } });
  await store.write({ entries: entries(7, 9, 1) });
  // A snapshot at 20 from a leader of term 3: it disagrees with (runs past) the log, so it replaces it.
  await store.write({ snapshot: { meta: { index: 20, term: 3, confState: CONF }, data: Buffer.from('s') }, entries: [], hardState: { term: 3, vote: '', commit: 20 } });
  await store.write({ entries: entries(21, 22, 3) });
  await store.close();
  const reopened = new ReachableStore({ path });
  t.teardown(() => reopened.close());
  const recovered = await reopened.open();
  t.same(view(recovered.entries), view(entries(21, 22, 3)));
  t.same(await reopened.runKeys(), [21], 'the old runs were deleted');
});

t.test('a store in the older one-key-per-entry format is refused by name', async (t) => {
  const path = storePath(t);
  const store = new RocksDbLogStore({ path });
  await store.open();
  await store.close();
  // Rewrite the format record as format 1 wrote it: checksum over the key and the body, then the body.
  const body = Buffer.from('raftbus-log/1');
  const value = Buffer.concat([Buffer.alloc(4), body]);
  value.writeUInt32BE(crc32c(value, crc32c(KEY_FORMAT), 4), 0);
  const db = await RocksDb.open(path, {});
  await db.batch([{ type: 'put', key: KEY_FORMAT, value }], true);
  await db.close();
  const reopened = new RocksDbLogStore({ path });
  const error = await reopened.open().then(() => undefined, (e: unknown) => e);
  await reopened.close();
  t.ok(error instanceof CorruptLogError, String(error));
  t.match(String(error), /"raftbus-log\/1", the older layout with one key per entry; this version reads only "raftbus-log\/2"/);
  t.match(String(error), /removing every node's data directory/, 'and says how to start over');
});
