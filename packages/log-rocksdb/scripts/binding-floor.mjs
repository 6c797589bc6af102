// What any log store on this binding can reach: synced and unsynced single puts and a two-operation
// synced batch straight through rocksdb@5 (no raftbus code), beside the raw fdatasync of the same disk
// (128 B overwritten in place, and appended so that the file grows), in alternating rounds.
//   node packages/log-rocksdb/scripts/binding-floor.mjs [dir]
// Prints p50/p99 in µs per case; bounded by ROUNDS × (PER_CASE + 2 × FLOOR_SYNCS) operations.
import { createRequire } from 'node:module';
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const rocksdb = createRequire(import.meta.url)('rocksdb');
const ROUNDS = 2;
const PER_CASE = 5_000;
const WARMUP = 200;
const FLOOR_SYNCS = 1_000;

const dir = mkdtempSync(join(process.argv[2] ?? tmpdir(), 'raftbus-binding-floor-'));
const db = rocksdb(join(dir, 'db'));
await new Promise((resolve, reject) => db.open({}, (err) => (err ? reject(err) : resolve())));
const value = Buffer.alloc(140, 1);
let next = 0;
const key = () => {
  const k = Buffer.alloc(9);
  k[0] = 1;
  k.writeBigUInt64BE(BigInt(next++), 1);
  return k;
};
const done = (resolve, reject) => (err) => (err ? reject(err) : resolve());
const cases = {
  'put, sync': () => new Promise((resolve, reject) => db.put(key(), value, { sync: true }, done(resolve, reject))),
  'batch of 2, sync': () =>
    new Promise((resolve, reject) => {
      const batch = db.batch();
      batch.put(key(), value);
      batch.put(Buffer.from('hard-state'), Buffer.alloc(20));
      batch.write({ sync: true }, done(resolve, reject));
    }),
  'put, no sync': () => new Promise((resolve, reject) => db.put(key(), value, { sync: false }, done(resolve, reject))),
};
const summary = (samples) => {
  samples.sort((a, b) => a - b);
  return `p50 ${samples[samples.length >> 1].toFixed(0).padStart(4)}  p99 ${samples[Math.floor(samples.length * 0.99)].toFixed(0).padStart(4)}`;
};
function floor(append) {
  const fd = openSync(join(dir, 'floor'), 'w');
  const samples = [];
  for (let i = 0; i < FLOOR_SYNCS; i++) {
    const t = process.hrtime.bigint();
    writeSync(fd, value, 0, 128, append ? 128 * i : 0);
    fdatasyncSync(fd);
    samples.push(Number(process.hrtime.bigint() - t) / 1e3);
  }
  closeSync(fd);
  return summary(samples);
}
try {
  console.log(`rocksdb@5 binding floor, node ${process.version}, dir ${dir}; µs`);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, op] of Object.entries(cases)) {
      for (let i = 0; i < WARMUP; i++) await op();
      const samples = [];
      for (let i = 0; i < PER_CASE; i++) {
        const t = process.hrtime.bigint();
        await op();
        samples.push(Number(process.hrtime.bigint() - t) / 1e3);
      }
      console.log(`${name.padEnd(18)} ${summary(samples)}   | fdatasync overwrite ${floor(false)}   append ${floor(true)}`);
    }
  }
} finally {
  await new Promise((resolve) => db.close(resolve));
  rmSync(dir, { recursive: true, force: true });
}
