/**
 * `npm run bench:log`: synced append throughput and latency of RocksDbLogStore, against the raw fdatasync
 * latency of the same disk measured in the same run. Prints a table; never fails on speed.
 *
 *   node log-bench.js [--dir DIR] [--seconds-per-case N] [--only NAME]
 */
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EntryType } from '@raftbus/core';
import type { Entry } from '@raftbus/core';
import { RocksDbLogStore } from '@raftbus/log-rocksdb';

const { values: args } = parseArgs({
  options: {
    dir: { type: 'string', default: tmpdir() },
    'seconds-per-case': { type: 'string', default: '3' },
    only: { type: 'string' },
  },
});
const SECONDS_PER_CASE = Number(args['seconds-per-case']);
/** Bounds every measured loop by count as well as by time. */
const WRITES_PER_CASE_MAX = 20_000;
const WARMUP_WRITES = 50;
const FLOOR_SYNCS = 2_000;
/** The disk is shared and its latency drifts, so the floor is measured right before each case. */
const FLOOR_SECONDS = 1;

interface Case {
  readonly name: string;
  readonly entriesPerWrite: number;
  readonly entryBytes: number;
  /** Writers each keeping one write in flight; more than one exercises group commit. */
  readonly writers: number;
}

const CASES: readonly Case[] = [
  { name: '1 x 128 B', entriesPerWrite: 1, entryBytes: 128, writers: 1 },
  { name: '16 x 128 B', entriesPerWrite: 16, entryBytes: 128, writers: 1 },
  { name: '256 x 128 B', entriesPerWrite: 256, entryBytes: 128, writers: 1 },
  { name: '1 x 1 KiB', entriesPerWrite: 1, entryBytes: 1024, writers: 1 },
  { name: '16 x 1 KiB', entriesPerWrite: 16, entryBytes: 1024, writers: 1 },
  { name: '256 x 1 KiB', entriesPerWrite: 256, entryBytes: 1024, writers: 1 },
  { name: '1 x 128 B, 64 writers', entriesPerWrite: 1, entryBytes: 128, writers: 64 },
];

interface Result {
  readonly name: string;
  readonly writes: number;
  readonly entriesPerSecond: number;
  readonly megabytesPerSecond: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly syncedBatches: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

/** fdatasync latency of a small file: `overwrite` rewrites the same 128 bytes, `append` grows the file. */
function fdatasyncFloor(dir: string, mode: 'overwrite' | 'append'): { p50Us: number; p99Us: number } {
  const path = join(dir, `floor-${mode}`);
  const fd = openSync(path, 'w');
  const block = Buffer.alloc(128, 0x42);
  const samples: number[] = [];
  const deadline = performance.now() + FLOOR_SECONDS * 1000;
  for (let i = 0; i < FLOOR_SYNCS && performance.now() < deadline; i++) {
    const start = performance.now();
    writeSync(fd, block, 0, block.length, mode === 'overwrite' ? 0 : i * block.length);
    fdatasyncSync(fd);
    samples.push((performance.now() - start) * 1000);
  }
  closeSync(fd);
  rmSync(path);
  samples.sort((a, b) => a - b);
  return { p50Us: percentile(samples, 0.5), p99Us: percentile(samples, 0.99) };
}

async function runCase(dir: string, c: Case): Promise<Result> {
  const store = new RocksDbLogStore({ path: join(dir, c.name.replace(/\W+/g, '-')) });
  await store.open();
  const payload = Buffer.alloc(c.entryBytes, 0x61);
  let nextIndex = 1;
  const makeWrite = () => {
    const entries: Entry[] = [];
    for (let i = 0; i < c.entriesPerWrite; i++) entries.push({ index: nextIndex++, term: 1, type: EntryType.Normal, data: payload });
    return { entries, hardState: { term: 1, vote: 'n1', commit: Math.max(0, nextIndex - 1 - 10_000) } };
  };
  for (let i = 0; i < WARMUP_WRITES; i++) await store.write(makeWrite());
  const batchesBefore = store.stats().syncedBatches;

  const latenciesUs: number[] = [];
  const started = performance.now();
  const deadline = started + SECONDS_PER_CASE * 1000;
  let issued = 0;
  const writer = async (): Promise<void> => {
    while (issued < WRITES_PER_CASE_MAX && performance.now() < deadline) {
      issued++;
      const start = performance.now();
      await store.write(makeWrite());
      latenciesUs.push((performance.now() - start) * 1000);
    }
  };
  await Promise.all(Array.from({ length: c.writers }, writer));
  const seconds = (performance.now() - started) / 1000;
  const syncedBatches = store.stats().syncedBatches - batchesBefore;
  await store.close();
  latenciesUs.sort((a, b) => a - b);
  const entries = latenciesUs.length * c.entriesPerWrite;
  return {
    name: c.name,
    writes: latenciesUs.length,
    entriesPerSecond: entries / seconds,
    megabytesPerSecond: (entries * c.entryBytes) / seconds / 1e6,
    p50Us: percentile(latenciesUs, 0.5),
    p99Us: percentile(latenciesUs, 0.99),
    syncedBatches,
  };
}

const pad = (text: string, width: number): string => text.padStart(width);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(args.dir!, 'raftbus-bench-log-'));
  try {
    console.log(`raftbus log bench: RocksDbLogStore (rocksdb 5.2.1, RocksDB 6.17.3), node ${process.version}, dir ${dir}`);
    console.log(`each case: ${SECONDS_PER_CASE} s or ${WRITES_PER_CASE_MAX} writes, after ${WARMUP_WRITES} warm-up writes; every write is awaited (synced)\n`);
    const header =
      `${'case'.padEnd(24)}${pad('writes', 8)}${pad('batches', 9)}${pad('entries/s', 12)}${pad('MB/s', 8)}${pad('p50 µs', 9)}${pad('p99 µs', 9)}` +
      `${pad('floor p50', 11)}${pad('p50/floor', 11)}${pad('append floor', 14)}`;
    console.log('floor = write 128 B at offset 0 + fdatasyncSync, in a loop, just before each case; append floor = the same but growing the file');
    console.log(header);
    console.log('-'.repeat(header.length));
    const results: (Result & { floorP50Us: number })[] = [];
    for (const c of CASES) {
      if (args.only !== undefined && !c.name.includes(args.only)) continue;
      const floor = fdatasyncFloor(dir, 'overwrite');
      const appendFloor = fdatasyncFloor(dir, 'append');
      const r = await runCase(dir, c);
      results.push({ ...r, floorP50Us: floor.p50Us });
      console.log(
        `${r.name.padEnd(24)}${pad(String(r.writes), 8)}${pad(String(r.syncedBatches), 9)}${pad(Math.round(r.entriesPerSecond).toLocaleString('en-US'), 12)}` +
          `${pad(r.megabytesPerSecond.toFixed(1), 8)}${pad(r.p50Us.toFixed(0), 9)}${pad(r.p99Us.toFixed(0), 9)}` +
          `${pad(floor.p50Us.toFixed(0), 11)}${pad((r.p50Us / floor.p50Us).toFixed(2), 11)}${pad(appendFloor.p50Us.toFixed(0), 14)}`,
      );
    }
    const single = results.find((r) => r.name === '1 x 128 B');
    const bulk = results.find((r) => r.name === '256 x 128 B');
    console.log('\ntargets (informational; a benchmark never fails on speed):');
    if (single !== undefined) {
      const ratio = single.p50Us / single.floorP50Us;
      console.log(`  single-entry synced append p50 <= 1.5 x fdatasync floor: ${ratio.toFixed(2)} x -> ${ratio <= 1.5 ? 'met' : 'NOT met'}`);
    }
    if (bulk !== undefined) {
      console.log(`  >= 100,000 entries/s with batches of 256 x 128 B: ${Math.round(bulk.entriesPerSecond).toLocaleString('en-US')} -> ${bulk.entriesPerSecond >= 100_000 ? 'met' : 'NOT met'}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
