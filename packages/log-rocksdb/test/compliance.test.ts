import t from 'tap';
import { join } from 'node:path';
import { logStoreSuite } from '@raftbus/testkit';
import { RocksDbLogStore } from '../src/rocksdb-log-store.js';
import { tempDir } from './helpers.js';

logStoreSuite({
  name: 'RocksDbLogStore',
  test: (name, fn) => t.test(name, fn),
  factory: () => {
    const dir = tempDir('compliance');
    // A small chunk size makes the suite's multi-megabyte snapshot span many chunks.
    const path = join(dir.path, 'log');
    return { store: () => new RocksDbLogStore({ path, snapshotChunkBytes: 256 * 1024 }), destroy: async () => dir.remove() };
  },
});
