import type { BatchOperation } from './rocksdb-binding.js';

/**
 * Group commit: writes queued while a synced batch is on disk (and every write issued in the same event
 * loop turn) go to RocksDB together as one write batch with one fdatasync. A write's promise settles when
 * the batch holding it is durable; batches commit strictly in queue order, so writes take effect in call
 * order.
 */

export interface GroupCommitLimits {
  /** Most writes coalesced into one synced batch. */
  readonly maxBatchWrites: number;
  /** Most encoded bytes in one synced batch (one oversized write still goes alone). */
  readonly maxBatchBytes: number;
}

export interface GroupCommitStats {
  /** Writes made durable. */
  writes: number;
  /** Synced RocksDB write batches (= fdatasync calls on the WAL). */
  syncedBatches: number;
  /** Encoded bytes made durable. */
  bytes: number;
}

interface Pending {
  readonly operations: readonly BatchOperation[];
  readonly bytes: number;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export type CommitBatch = (operations: readonly BatchOperation[]) => Promise<void>;

export class GroupCommitter {
  readonly stats: GroupCommitStats = { writes: 0, syncedBatches: 0, bytes: 0 };
  private readonly queue: Pending[] = [];
  private running = false;
  /** Settles after the last enqueued write settles; never rejects. */
  private drained: Promise<void> = Promise.resolve();
  private failure: unknown;

  constructor(
    private readonly commit: CommitBatch,
    private readonly limits: GroupCommitLimits,
    /** Called once with the first failed batch's error; every later write is refused with it. */
    private readonly onFailure: (error: unknown) => void,
  ) {}

  /** Queues `operations` for the next synced batch. */
  enqueue(operations: readonly BatchOperation[], bytes: number): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const done = new Promise<void>((resolve, reject) => this.queue.push({ operations, bytes, resolve, reject }));
    this.drained = done.then(
      () => undefined,
      () => undefined,
    );
    if (!this.running) {
      this.running = true;
      // Start on a microtask: writes issued in the same synchronous run all join the first batch.
      queueMicrotask(() => void this.run());
    }
    return done;
  }

  /** Resolves once every write enqueued so far has settled. */
  idle(): Promise<void> {
    return this.drained;
  }

  private async run(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.takeBatch();
      const operations = batch.length === 1 ? batch[0]!.operations : batch.flatMap((p) => p.operations);
      try {
        await this.commit(operations);
      } catch (error) {
        this.fail(error, batch);
        return;
      }
      this.stats.syncedBatches++;
      for (const pending of batch) {
        this.stats.writes++;
        this.stats.bytes += pending.bytes;
        pending.resolve();
      }
    }
    this.running = false;
  }

  private takeBatch(): Pending[] {
    let bytes = this.queue[0]!.bytes;
    let count = 1;
    while (
      count < this.queue.length &&
      count < this.limits.maxBatchWrites &&
      bytes + this.queue[count]!.bytes <= this.limits.maxBatchBytes
    ) {
      bytes += this.queue[count]!.bytes;
      count++;
    }
    return this.queue.splice(0, count);
  }

  /**
   * After a failed sync the durable state is unknown (Linux may drop the dirty pages it failed to write,
   * so retrying the fsync would report success for lost data): refuse everything from now on.
   */
  private fail(error: unknown, batch: Pending[]): void {
    this.failure = error;
    this.running = false;
    const abandoned = batch.concat(this.queue.splice(0));
    this.onFailure(error);
    for (const pending of abandoned) pending.reject(error);
  }
}
