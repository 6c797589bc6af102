import t from 'tap';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EntryType } from '@raftbus/core';
import type { Entry } from '@raftbus/core';
import { RocksDbLogStore } from '../src/rocksdb-log-store.js';
import { tempDir } from './helpers.js';

const entry = (index: number): Entry => ({ index, term: 1, type: EntryType.Normal, data: Buffer.alloc(64, index) });

async function openStore(t: { teardown: (fn: () => unknown) => void }, options: { maxBatchWrites?: number; maxBatchBytes?: number } = {}) {
  const dir = tempDir('group');
  const store = new RocksDbLogStore({ path: dir.path, ...options });
  t.teardown(async () => {
    await store.close();
    dir.remove();
  });
  await store.open();
  return { store, dir };
}

t.test('writes issued in one event loop turn share one synced batch', async (t) => {
  const { store } = await openStore(t);
  const writes = [];
  for (let index = 1; index <= 100; index++) writes.push(store.write({ entries: [entry(index)], hardState: { term: 1, vote: 'n1', commit: 0 } }));
  await Promise.all(writes);
  t.same({ writes: store.stats().writes, syncedBatches: store.stats().syncedBatches }, { writes: 100, syncedBatches: 1 });
  t.equal((await store.entries(1, 101)).length, 100, 'all of them durable');
});

t.test('writes that wait for each other get a synced batch each', async (t) => {
  const { store } = await openStore(t);
  for (let index = 1; index <= 20; index++) await store.write({ entries: [entry(index)], hardState: { term: 1, vote: 'n1', commit: 0 } });
  t.same({ writes: store.stats().writes, syncedBatches: store.stats().syncedBatches }, { writes: 20, syncedBatches: 20 });
});

t.test('writes arriving while a batch is on disk join the next batch', async (t) => {
  const { store } = await openStore(t);
  const first = store.write({ entries: [entry(1)], hardState: { term: 1, vote: 'n1', commit: 0 } });
  await Promise.resolve();
  await new Promise((resolve) => setImmediate(resolve));
  const later = [];
  for (let index = 2; index <= 50; index++) later.push(store.write({ entries: [entry(index)] }));
  await Promise.all([first, ...later]);
  t.ok(store.stats().syncedBatches <= 3, `50 writes took ${store.stats().syncedBatches} synced batches`);
});

t.test('a batch is bounded by maxBatchWrites and maxBatchBytes', async (t) => {
  const byCount = await openStore(t, { maxBatchWrites: 10 });
  const writes = [];
  for (let index = 1; index <= 95; index++) writes.push(byCount.store.write({ entries: [entry(index)], hardState: { term: 1, vote: 'n1', commit: 0 } }));
  await Promise.all(writes);
  t.equal(byCount.store.stats().syncedBatches, 10, '95 writes at most 10 per batch');

  const byBytes = await openStore(t, { maxBatchBytes: 1000 });
  const sized = [];
  // Each later write encodes to 9 + 77 key/value bytes (plus the bounds record): at most 11 fit in 1000 bytes.
  sized.push(byBytes.store.write({ entries: [entry(1)], hardState: { term: 1, vote: 'n1', commit: 0 } }));
  for (let index = 2; index <= 40; index++) sized.push(byBytes.store.write({ entries: [entry(index)] }));
  await Promise.all(sized);
  const batches = byBytes.store.stats().syncedBatches;
  t.ok(batches >= 4 && batches <= 10, `40 writes of ~110 bytes under a 1000-byte bound took ${batches} batches`);
  t.ok(byBytes.store.stats().bytes > 40 * 86 && byBytes.store.stats().bytes < 40 * 200, `bytes are counted (${byBytes.store.stats().bytes})`);
});

t.test('the RocksDB options the README documents are the ones in effect', async (t) => {
  const { store, dir } = await openStore(t);
  await store.write({ entries: [entry(1)], hardState: { term: 1, vote: 'n1', commit: 0 } });
  const optionsFile = readdirSync(dir.path).filter((f) => f.startsWith('OPTIONS-')).sort().pop()!;
  const options = readFileSync(join(dir.path, optionsFile), 'utf8');
  t.match(options, /wal_recovery_mode=kPointInTimeRecovery/, 'WAL recovery mode: point in time');
  t.match(options, /write_buffer_size=16777216/, 'write buffer 16 MiB');
  t.match(options, /max_write_buffer_number=2/, 'two memtables');
  t.match(options, /\n\s*compression=kNoCompression/, 'no compression');
  t.match(options, /no_block_cache=false/, 'a block cache');
  const log = readFileSync(join(dir.path, 'LOG'), 'utf8');
  t.match(log, /block_cache_options:[\s\S]*?capacity : 8388608/, 'block cache 8 MiB');
});
