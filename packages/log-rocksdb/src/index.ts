export { RocksDbLogStore, DEFAULT_ROCKSDB_LOG_STORE_OPTIONS } from './rocksdb-log-store.js';
export type { RocksDbLogStoreOptions, RocksDbLogStoreStats } from './rocksdb-log-store.js';
export { crc32c } from './crc32c.js';
