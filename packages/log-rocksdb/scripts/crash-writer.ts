/**
 * Child process of the crash test: opens a RocksDbLogStore and appends synced batches as fast as it can,
 * with a few writes in flight, occasional conflicting rewrites, snapshots and compactions, until killed.
 * Before each write it tells the parent what it issues (waiting until the message is in the pipe, so a
 * write can never be on disk without the parent knowing of it), and after each write resolves it reports
 * the acknowledgement.
 *
 *   node crash-writer.js <store path> <seed>
 */
import { EntryType } from '@raftbus/core';
import type { LogWrite } from '@raftbus/core';
import { RocksDbLogStore } from '@raftbus/log-rocksdb';
import { CrashModel, entryData, snapshotData } from './crash-model.js';
import type { ChildMessage, CrashOp, OpEntry } from './crash-model.js';

/** A safety net: the parent kills the child long before this. */
const LIFETIME_MS_MAX = 30_000;
const IN_FLIGHT_WRITES_MAX = 6;
const ENTRIES_PER_WRITE_MAX = 32;

const [path, seedText] = process.argv.slice(2);
if (path === undefined || process.send === undefined) throw new Error('usage: fork crash-writer.js <store path> <seed>');
let seed = Number(seedText ?? 1) | 0;
const random = (n: number): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) % n;
};

const send = (message: ChildMessage): Promise<void> =>
  new Promise((resolve, reject) => process.send!(message, undefined, {}, (error) => (error ? reject(error) : resolve())));

function nextOp(model: CrashModel): CrashOp {
  const { hardState } = model;
  const choice = random(100);
  const snapshotIndex = model.snapshot?.index ?? 0;
  if (choice < 8 && hardState.commit > Math.max(snapshotIndex, model.firstIndex - 1)) {
    const low = Math.max(snapshotIndex + 1, model.firstIndex);
    const index = low + random(hardState.commit - low + 1);
    return { kind: 'write', entries: [], snapshot: { index, term: model.termAt(index)! } };
  }
  if (choice < 16 && snapshotIndex >= model.firstIndex) {
    return { kind: 'compact', index: model.firstIndex + random(snapshotIndex - model.firstIndex + 1) };
  }
  const rewrite = choice < 24 || hardState.term === 0;
  const term = rewrite ? hardState.term + 1 : hardState.term;
  const floor = Math.max(hardState.commit, snapshotIndex) + 1;
  const from = rewrite ? floor + random(model.lastIndex + 2 - floor) : model.lastIndex + 1;
  const entries: OpEntry[] = Array.from({ length: 1 + random(ENTRIES_PER_WRITE_MAX) }, (_, i) => ({ index: from + i, term }));
  const last = from + entries.length - 1;
  const commit = Math.max(hardState.commit, Math.min(last, model.lastIndex) - random(8));
  return { kind: 'write', entries, hardState: { term, vote: 'n1', commit: Math.max(hardState.commit, Math.min(commit, last)) } };
}

function toWrite(op: Extract<CrashOp, { kind: 'write' }>): LogWrite {
  return {
    entries: op.entries.map((e) => ({ index: e.index, term: e.term, type: EntryType.Normal, data: entryData(e.index, e.term) })),
    ...(op.hardState !== undefined ? { hardState: op.hardState } : {}),
    ...(op.snapshot !== undefined
      ? { snapshot: { meta: { index: op.snapshot.index, term: op.snapshot.term, confState: { voters: ['n1'], learners: [], votersOutgoing: [] } }, data: snapshotData(op.snapshot.index, op.snapshot.term) } }
      : {}),
  };
}

async function main(): Promise<void> {
  setTimeout(() => process.exit(3), LIFETIME_MS_MAX).unref();
  const store = new RocksDbLogStore({ path: path! });
  const stored = await store.open();
  const model = new CrashModel();
  const stats = store.stats();
  model.firstIndex = stats.firstIndex;
  model.lastIndex = stats.firstIndex - 1;
  model.hardState = stored.hardState;
  if (stored.snapshot !== undefined) model.snapshot = { index: stored.snapshot.meta.index, term: stored.snapshot.meta.term };
  if (stats.lastIndex >= stats.firstIndex) {
    for (const e of await store.entries(stats.firstIndex, stats.lastIndex + 1)) model.terms.push(e.term);
    model.lastIndex = stats.lastIndex;
  }
  await send({ t: 'ready', firstIndex: model.firstIndex, lastIndex: model.lastIndex });

  let inFlight = 0;
  let wake: (() => void) | undefined;
  for (let id = 1; ; id++) {
    while (inFlight >= 1 + random(IN_FLIGHT_WRITES_MAX)) await new Promise<void>((resolve) => (wake = resolve));
    const op = nextOp(model);
    model.apply(op);
    await send({ t: 'issue', id, op });
    inFlight++;
    const done = op.kind === 'compact' ? store.compact(op.index) : store.write(toWrite(op));
    void done.then(async () => {
      inFlight--;
      await send({ t: 'ack', id });
      wake?.();
    });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
