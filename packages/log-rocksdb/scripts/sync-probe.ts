/**
 * Makes a known number of synced writes, so `strace -f -c -e trace=fsync,fdatasync` can count the flushes
 * they cost. Prints one JSON line: { mode, writes, syncedBatches }.
 *
 *   node sync-probe.js <store path> <none|sequential|grouped> <writes> [writes per group]
 *
 * none: open and close only (the baseline flushes of creating a store); sequential: each write awaited
 * before the next (one synced batch each); grouped: writes issued together in groups (one batch per group).
 */
import { EntryType } from '@raftbus/core';
import { RocksDbLogStore } from '@raftbus/log-rocksdb';

const [path, mode = 'sequential', countText = '100', groupText = '20'] = process.argv.slice(2);
if (path === undefined || !['none', 'sequential', 'grouped'].includes(mode)) {
  throw new Error('usage: sync-probe.js <store path> <none|sequential|grouped> <writes> [writes per group]');
}
const writes = mode === 'none' ? 0 : Number(countText);
const group = mode === 'grouped' ? Number(groupText) : 1;

const store = new RocksDbLogStore({ path });
await store.open();
const payload = Buffer.alloc(128, 0x5a);
for (let index = 1; index <= writes; index += group) {
  const batch = [];
  for (let i = index; i < index + group && i <= writes; i++) {
    batch.push(store.write({ entries: [{ index: i, term: 1, type: EntryType.Normal, data: payload }], hardState: { term: 1, vote: 'n1', commit: 0 } }));
  }
  await Promise.all(batch);
}
const { syncedBatches } = store.stats();
await store.close();
console.log(JSON.stringify({ mode, writes, syncedBatches }));
