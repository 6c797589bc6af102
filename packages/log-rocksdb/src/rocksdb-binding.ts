import { createRequire } from 'node:module';

/**
 * Promise wrapper over the parts of `rocksdb@5.2.1` (Level's leveldown-style binding, RocksDB 6.17.3) this
 * package uses. The binding has a callback-only API and its only published types (@types/rocksdb 3.x) are
 * for an older API, so the shapes below are written from its binding.cc and leveldown.js.
 */

type Callback<T = void> = (error: Error | null | undefined, value: T) => void;

export interface BatchOperation {
  readonly type: 'put' | 'del';
  readonly key: Buffer;
  readonly value?: Buffer;
}

/** Options the binding reads in db_open (binding.cc); anything else is RocksDB's default. */
export interface RawOpenOptions {
  readonly createIfMissing?: boolean;
  readonly errorIfExists?: boolean;
  /** Snappy when true. */
  readonly compression?: boolean;
  /** Block cache bytes; 0 disables the cache. */
  readonly cacheSize?: number;
  readonly writeBufferSize?: number;
  readonly blockSize?: number;
  readonly maxOpenFiles?: number;
  /** Info log file size (the binding maps it to max_log_file_size, not to SST size). */
  readonly maxFileSize?: number;
  readonly infoLogLevel?: 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'header';
  readonly readOnly?: boolean;
}

export interface RangeOptions {
  readonly gte?: Buffer;
  readonly gt?: Buffer;
  readonly lte?: Buffer;
  readonly lt?: Buffer;
  /** -1 = no limit. */
  readonly limit?: number;
}

interface RawIterator {
  next(callback: (error: Error | null | undefined, key?: Buffer, value?: Buffer) => void): void;
  end(callback: Callback): void;
}

/** leveldown's chained batch: each put/del is one direct binding call (binding.cc batch_put/batch_del). */
interface RawChainedBatch {
  put(key: Buffer, value: Buffer): void;
  del(key: Buffer): void;
  write(options: { sync: boolean }, callback: Callback): void;
}

interface RawDb {
  open(options: RawOpenOptions, callback: Callback): void;
  close(callback: Callback): void;
  batch(): RawChainedBatch;
  iterator(options: RangeOptions & { keyAsBuffer: true; valueAsBuffer: true; fillCache: boolean; highWaterMark?: number }): RawIterator;
  clear(options: RangeOptions, callback: Callback): void;
  compactRange(start: Buffer, end: Buffer, callback: Callback): void;
  approximateSize(start: Buffer, end: Buffer, callback: Callback<number>): void;
  getProperty(property: string): string;
}

type RawDbFactory = (location: string) => RawDb;

const require = createRequire(import.meta.url);
const openRaw = require('rocksdb') as RawDbFactory;

function promise<T = void>(run: (callback: Callback<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => run((error, value) => (error ? reject(error) : resolve(value))));
}

/** True for RocksDB's own "Corruption: ..." status (a block checksum mismatch, a bad WAL record). */
export function isRocksCorruption(error: unknown): error is Error {
  return error instanceof Error && error.message.startsWith('Corruption');
}

/** A key/value pair from a range scan. */
export type KeyValue = readonly [key: Buffer, value: Buffer];

/** An open RocksDB database. Every method is a thin promise over one binding call. */
export class RocksDb {
  private constructor(
    readonly location: string,
    private readonly raw: RawDb,
  ) {}

  static async open(location: string, options: RawOpenOptions): Promise<RocksDb> {
    const raw = openRaw(location);
    await promise((callback) => raw.open(options, callback));
    return new RocksDb(location, raw);
  }

  close(): Promise<void> {
    return promise((callback) => this.raw.close(callback));
  }

  /** One atomic write batch; with `sync` RocksDB fdatasyncs its WAL before the callback. */
  batch(operations: readonly BatchOperation[], sync: boolean): Promise<void> {
    // The chained batch, not batch(array): the array form copies every operation into a new object and
    // the binding then reads type, key and value of each through N-API property lookups, which cost
    // about 5 µs per entry on the event loop; a chained put is one direct call. Same WriteBatch, same sync.
    const batch = this.raw.batch();
    for (const op of operations) {
      if (op.type === 'put') batch.put(op.key, op.value!);
      else batch.del(op.key);
    }
    return promise((callback) => batch.write({ sync }, callback));
  }

  /** Deletes keys in a range (unsynced; callers make it safe to lose). */
  clear(range: RangeOptions): Promise<void> {
    return promise((callback) => this.raw.clear(range, callback));
  }

  compactRange(start: Buffer, end: Buffer): Promise<void> {
    return promise((callback) => this.raw.compactRange(start, end, callback));
  }

  approximateSize(start: Buffer, end: Buffer): Promise<number> {
    return promise<number>((callback) => this.raw.approximateSize(start, end, callback));
  }

  property(name: string): string {
    return this.raw.getProperty(name);
  }

  /**
   * Visits the pairs of a range in key order until `visit` returns false. `fillCache` false keeps a one-off
   * scan (recovery) from evicting the blocks that serve reads of the live tail.
   */
  async scan(range: RangeOptions, fillCache: boolean, visit: (key: Buffer, value: Buffer) => boolean): Promise<void> {
    const iterator = this.raw.iterator({ ...range, keyAsBuffer: true, valueAsBuffer: true, fillCache });
    try {
      for (;;) {
        const pair = await new Promise<KeyValue | undefined>((resolve, reject) =>
          iterator.next((error, key, value) => {
            if (error) reject(error);
            else resolve(key === undefined || value === undefined ? undefined : [key, value]);
          }),
        );
        if (pair === undefined || !visit(pair[0], pair[1])) return;
      }
    } finally {
      await promise((callback) => iterator.end(callback));
    }
  }
}
