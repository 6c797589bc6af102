import t from 'tap';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './helpers.js';

/**
 * Proves that a synced write reaches the disk: counts the fsync/fdatasync system calls the process makes
 * (strace -f -c) for a known number of synced batches, against the baseline of opening and closing a store.
 * A binding whose "sync" were a no-op (one RocksDB fork returned from sync puts in 21 µs) fails here.
 */

const PROBE = fileURLToPath(new URL('../scripts/dist/sync-probe.js', import.meta.url));
const WRITES = 200;
const WRITES_PER_GROUP = 20;
/** Flushes RocksDB may add on its own (a WAL roll or a MANIFEST write); the baseline run has none of ours. */
const EXTRA_FLUSHES_MAX = 4;

const strace = spawnSync('strace', ['-V'], { encoding: 'utf8' });
const straceMissing = strace.error !== undefined || strace.status !== 0;

interface Probe {
  flushes: number;
  syncedBatches: number;
}

function probe(dir: string, mode: string, ...args: string[]): Probe {
  const summary = join(dir, `${mode}.strace`);
  const run = spawnSync('strace', ['-f', '-c', '-o', summary, '-e', 'trace=fsync,fdatasync', process.execPath, PROBE, join(dir, mode), mode, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`strace ${mode} failed (${run.status}): ${run.stderr}`);
  let flushes = 0;
  for (const line of readFileSync(summary, 'utf8').split('\n')) {
    const match = /^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?(fsync|fdatasync)\s*$/.exec(line);
    if (match !== null) flushes += Number(match[1]);
  }
  const result = JSON.parse(run.stdout.trim().split('\n').pop()!) as { syncedBatches: number };
  return { flushes, syncedBatches: result.syncedBatches };
}

t.test('every synced batch costs one fdatasync, and a group of writes shares one', { skip: straceMissing ? 'strace is not installed (apt-get install -y strace)' : false }, async (t) => {
  const dir = tempDir('fsync');
  t.teardown(dir.remove);
  const baseline = probe(dir.path, 'none', '0');
  const sequential = probe(dir.path, 'sequential', String(WRITES));
  const grouped = probe(dir.path, 'grouped', String(WRITES), String(WRITES_PER_GROUP));
  const sequentialFlushes = sequential.flushes - baseline.flushes;
  const groupedFlushes = grouped.flushes - baseline.flushes;
  t.comment(`baseline (open+close): ${baseline.flushes} flushes; ${WRITES} sequential writes: +${sequentialFlushes} flushes for ${sequential.syncedBatches} batches; ${WRITES} writes in groups of ${WRITES_PER_GROUP}: +${groupedFlushes} flushes for ${grouped.syncedBatches} batches`);
  t.equal(sequential.syncedBatches, WRITES, 'sequential writes are one batch each');
  t.ok(sequentialFlushes >= WRITES && sequentialFlushes <= WRITES + EXTRA_FLUSHES_MAX, `one flush per sequential synced write (${sequentialFlushes} for ${WRITES})`);
  t.equal(grouped.syncedBatches, WRITES / WRITES_PER_GROUP, 'grouped writes share a batch per group');
  t.ok(
    groupedFlushes >= grouped.syncedBatches && groupedFlushes <= grouped.syncedBatches + EXTRA_FLUSHES_MAX,
    `one flush per group commit batch (${groupedFlushes} for ${grouped.syncedBatches})`,
  );
});
